package io.upgradehub.platform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.upgradehub.platform.process.ChildProcess;
import io.upgradehub.platform.process.Sleeper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootServiceTests {

  @TempDir Path dir;

  @Test
  void waitsUntilTheReadinessProbeAnswers200() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/actuator/health/readiness",
        exchange -> {
          // out of service twice, as while a Boot app is still starting
          int status = probes.incrementAndGet() < 3 ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

      assertThatCode(() -> BootService.awaitReady("svc", url, Duration.ofSeconds(30), null))
          .doesNotThrowAnyException();
      assertThat(probes).hasValue(3);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void failsWithTheLogsTailWhenTheServiceExitsDuringStart() {
    try (ChildProcess child =
        ChildProcess.start(
            "svc",
            Sleeper.command("1", "APPLICATION FAILED TO START", "Port 8081 was already in use")
                .toList(),
            dir,
            dir.resolve("svc.log"))) {

      assertThatThrownBy(
              () ->
                  BootService.awaitReady(
                      "svc", URI.create("http://127.0.0.1:1"), Duration.ofSeconds(60), child))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("svc exited during start")
          .hasMessageContaining("Port 8081 was already in use");
    }
  }

  @Test
  void refusesToLaunchAJarThatWasNotBuilt() {
    assertThatThrownBy(
            () ->
                BootService.launch(
                    "gateway",
                    dir.resolve("gateway.jar"),
                    8080,
                    List.of(),
                    dir,
                    dir.resolve("g.log"),
                    "64m"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gateway's jar is missing")
        .hasMessageContaining("mvn");
  }
}
