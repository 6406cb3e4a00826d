package io.upgradehub.notification.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTests {

  private final AddressGuard guard = new AddressGuard(new AddressGuardProperties(List.of()));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "10.1.2.3",
        "172.31.255.255",
        "192.168.0.10",
        "169.254.169.254",
        "100.100.100.200",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fd00:ec2::254",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:0a00:0001::1"
      })
  void treatsLoopbackPrivateLinkLocalAndEmbeddedAddressesAsInternal(String address)
      throws Exception {
    assertThat(AddressGuard.isInternal(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.215.14",
        "8.8.8.8",
        "172.32.0.1",
        "2606:4700:4700::1111",
        "64:ff9b::808:808"
      })
  void treatsPublicAddressesAsPublic(String address) throws Exception {
    assertThat(AddressGuard.isInternal(InetAddress.getByName(address))).isFalse();
  }

  @Test
  void refusesANameThatResolvesToLoopback() {
    assertThatThrownBy(() -> guard.lookup("localhost"))
        .isInstanceOf(RefusedAddressException.class)
        .hasMessageContaining("resolved to an internal address");
  }

  @Test
  void letsTheAllowListOpenARangeAndOnlyThatRange() throws Exception {
    AddressGuard open =
        new AddressGuard(new AddressGuardProperties(List.of("10.20.0.0/16", "127.0.0.2")));

    assertThat(open.lookup("10.20.3.4")).hasSize(1);
    assertThat(open.lookup("127.0.0.2")).hasSize(1);
    assertThatThrownBy(() -> open.lookup("10.21.0.1")).isInstanceOf(RefusedAddressException.class);
    assertThatThrownBy(() -> open.lookup("127.0.0.1")).isInstanceOf(RefusedAddressException.class);
  }

  @Test
  void refusesSchemesOtherThanHttpAndCredentialsInTheUrl() {
    assertThat(guard.checkUrl("file:///etc/passwd"))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("UNSUPPORTED_SCHEME"));
    assertThat(guard.checkUrl("gopher://93.184.215.14/"))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("UNSUPPORTED_SCHEME"));
    assertThat(guard.checkUrl("https://user:pw@93.184.215.14/"))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("USER_INFO_NOT_ALLOWED"));
    assertThat(guard.checkUrl("https://93.184.215.14:8443/hook?x=1")).isEmpty();
  }

  @Test
  void refusesAnAllowListEntryThatIsNotARange() {
    assertThatThrownBy(
            () -> new AddressGuard(new AddressGuardProperties(List.of("intranet.local"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> new AddressGuard(new AddressGuardProperties(List.of("10.0.0.0/33"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
