package io.upgradehub.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTests {

  @Test
  void seesAPortAsListeningOnlyWhileASocketIsBoundToIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
      assertThat(Ports.isListening(port)).isTrue();
    }
    assertThat(Ports.isListening(port)).isFalse();
  }

  @Test
  void picksDistinctPortsThatAreFree() {
    List<Integer> ports = Ports.free(6);

    assertThat(ports).hasSize(6).doesNotHaveDuplicates().allMatch(p -> p > 0);
    assertThat(ports).noneMatch(Ports::isListening);
  }
}
