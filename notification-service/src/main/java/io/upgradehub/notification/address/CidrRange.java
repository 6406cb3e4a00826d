package io.upgradehub.notification.address;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range in CIDR notation; a single address is a range of its full length. */
record CidrRange(byte[] network, int prefix) {

  /**
   * Parses {@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.2}.
   *
   * @throws IllegalArgumentException when {@code text} is not an address with an optional prefix
   *     length that fits it
   */
  static CidrRange parse(String text) {
    String[] parts = text.trim().split("/", 2);
    if (!isLiteral(parts[0])) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(parts[0]).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
    }
    int prefix = address.length * 8;
    if (parts.length == 2) {
      try {
        prefix = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a prefix length: '" + text + "'", e);
      }
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("prefix length out of range: '" + text + "'");
      }
    }
    return new CidrRange(address, prefix);
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (bytes[full] & mask) == (network[full] & mask);
  }

  /** Whether {@code host} is an IPv4 or bracket-less IPv6 literal, never a name to look up. */
  static boolean isLiteral(String host) {
    return host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3
        || host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
  }
}
