package io.upgradehub.notification.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard: webhooks go only to public HTTP(S) addresses. Loopback, private, link-local
 * (cloud metadata at 169.254.169.254 among them), shared (100.64.0.0/10, where Alibaba Cloud's
 * metadata lives), multicast, reserved and unspecified addresses are refused, also when a name
 * resolves to one or an IPv6 address embeds one, unless {@link AddressGuardProperties} allows their
 * range.
 *
 * <p>It is asked when a webhook is created or changed ({@link #checkUrl}), and again whenever the
 * HTTP client connects ({@link #lookup}, its resolver) and for every redirect it is sent: a name
 * that resolved to a public address at creation may resolve to an internal one later.
 */
@Component
public class AddressGuard {

  private static final List<CidrRange> INTERNAL =
      List.of(
              "0.0.0.0/8", // "this" network; 0.0.0.0 reaches the local host
              "10.0.0.0/8",
              "100.64.0.0/10", // shared address space (carrier NAT, Alibaba Cloud metadata)
              "127.0.0.0/8",
              "169.254.0.0/16", // link-local, cloud metadata
              "172.16.0.0/12",
              "192.0.0.0/24",
              "192.0.2.0/24",
              "192.168.0.0/16",
              "198.18.0.0/15",
              "198.51.100.0/24",
              "203.0.113.0/24",
              "224.0.0.0/4", // multicast
              "240.0.0.0/4", // reserved, broadcast
              "::/128",
              "::1/128",
              "100::/64", // discard
              "2001:db8::/32",
              "fc00::/7", // unique local (AWS metadata fd00:ec2::254)
              "fe80::/10",
              "ff00::/8")
          .stream()
          .map(CidrRange::parse)
          .toList();

  private final List<CidrRange> allowed;

  public AddressGuard(AddressGuardProperties properties) {
    this.allowed = properties.allowedRanges().stream().map(CidrRange::parse).toList();
  }

  /**
   * Why a webhook may not use {@code url}, or empty when it may: an absolute {@code http} or {@code
   * https} URL with a host, no user info, and a host whose every address is allowed.
   */
  public Optional<Refusal> checkUrl(String url) {
    return check(url, true);
  }

  /**
   * As {@link #checkUrl}, but a host name is not resolved: for a request about to be sent by a
   * client that resolves through {@link #lookup}, so that the addresses checked are the ones it
   * connects to. An IP literal is checked here, since clients do not resolve those.
   */
  public Optional<Refusal> checkTarget(String url) {
    return check(url, false);
  }

  private Optional<Refusal> check(String url, boolean resolveNames) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of(new Refusal("INVALID_URL", "is not a valid URL: " + e.getReason()));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(new Refusal("UNSUPPORTED_SCHEME", "must be an http or https URL"));
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of(new Refusal("INVALID_URL", "must name a host"));
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of(
          new Refusal(
              "USER_INFO_NOT_ALLOWED",
              "must not carry credentials: receivers verify the signature instead"));
    }
    if (!resolveNames && !CidrRange.isLiteral(unbracketed(host))) {
      return Optional.empty();
    }
    try {
      lookup(host);
      return Optional.empty();
    } catch (RefusedAddressException e) {
      return Optional.of(
          new Refusal(
              e.unresolvable() ? "UNRESOLVABLE_HOST" : "ADDRESS_NOT_ALLOWED", e.getMessage()));
    }
  }

  /**
   * The addresses of {@code host} (a name or an IP literal, IPv6 with or without brackets), every
   * one of them allowed.
   *
   * @throws RefusedAddressException when it cannot be resolved, or when any of its addresses is
   *     internal and not allowed (one bad address refuses the host: which one a connection would
   *     use is not ours to choose)
   */
  public List<InetAddress> lookup(String host) throws RefusedAddressException {
    String bare = unbracketed(host);
    List<InetAddress> addresses;
    try {
      addresses = List.of(InetAddress.getAllByName(bare));
    } catch (UnknownHostException e) {
      throw new RefusedAddressException("host '" + host + "' cannot be resolved", true);
    }
    for (InetAddress address : addresses) {
      if (isInternal(address) && allowed.stream().noneMatch(r -> r.contains(address))) {
        throw new RefusedAddressException(
            "host '"
                + host
                + "' is "
                + (bare.equals(address.getHostAddress()) ? "" : "resolved to ")
                + "an internal address ("
                + address.getHostAddress()
                + ") that webhooks may not reach",
            false);
      }
    }
    return addresses;
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Whether {@code address}, or the IPv4 address an IPv6 one embeds, is internal. */
  static boolean isInternal(InetAddress address) {
    if (INTERNAL.stream().anyMatch(r -> r.contains(address))) {
      return true;
    }
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4
      // address that a gateway would reach for us
      boolean compatible = allZero(b, 0, 12);
      boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      if (compatible || nat64) {
        return isInternal(v4(b, 12));
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return isInternal(v4(b, 2));
      }
    }
    return address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress();
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress v4(byte[] b, int offset) {
    try {
      return Inet4Address.getByAddress(
          new byte[] {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are an IPv4 address", e);
    }
  }

  /**
   * Why a URL is refused.
   *
   * @param code a stable key: {@code INVALID_URL}, {@code UNSUPPORTED_SCHEME}, {@code
   *     USER_INFO_NOT_ALLOWED}, {@code UNRESOLVABLE_HOST} or {@code ADDRESS_NOT_ALLOWED}
   * @param message a sentence for people, completing "url ..."
   */
  public record Refusal(String code, String message) {}
}
