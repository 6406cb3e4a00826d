package io.upgradehub.gateway;

import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One running gateway for all integration tests (they share this class's configuration, so Spring
 * caches a single context): real MongoDB-protocol server, one {@link EchoServer} each as
 * package-service, inventory-service, campaign-service and notification-service, and one bootstrap
 * key per role.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // mongo-java-server has no 'hello' command, so Boot's indicator would report DOWN
      "management.health.mongodb.enabled=false",
      "upgradehub.gateway.cors.allowed-origins=http://localhost:5173,https://console.example.com"
    })
@AutoConfigureWebTestClient(timeout = "60s")
@Import({UnreachableServiceRoute.class, FreshConnections.class})
public abstract class GatewayIntegrationTest {

  public static final String ADMIN_KEY = "test-admin-secret";
  public static final String OPERATOR_KEY = "test-operator-secret";
  public static final String VIEWER_KEY = "test-viewer-secret";

  /** A path routed to a port nothing listens on. */
  public static final String UNREACHABLE_PATH = UnreachableServiceRoute.PATH;

  protected static final EchoServer ECHO = EchoServer.start();

  /** Stands in for inventory-service: a server of its own, so a test sees which service got it. */
  protected static final EchoServer INVENTORY_ECHO = EchoServer.start();

  /** Stands in for campaign-service, a server of its own as well. */
  protected static final EchoServer CAMPAIGN_ECHO = EchoServer.start();

  /** Stands in for notification-service, a server of its own as well. */
  protected static final EchoServer NOTIFICATION_ECHO = EchoServer.start();

  @Autowired protected WebTestClient client;

  @LocalServerPort protected int port;

  /** An absolute URI taking {@code rawPath} as it is, percent-escapes and all. */
  protected URI raw(String rawPath) {
    return URI.create("http://127.0.0.1:" + port + rawPath);
  }

  @DynamicPropertySource
  static void gateway(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.mongodb.uri", () -> SharedInfrastructure.mongo().connectionString("gateway"));
    registry.add("upgradehub.services.package-service", ECHO::baseUrl);
    registry.add("upgradehub.services.inventory-service", INVENTORY_ECHO::baseUrl);
    registry.add("upgradehub.services.campaign-service", CAMPAIGN_ECHO::baseUrl);
    registry.add("upgradehub.services.notification-service", NOTIFICATION_ECHO::baseUrl);
    String[][] keys = {
      {"test-admin", "admin", ADMIN_KEY},
      {"test-operator", "operator", OPERATOR_KEY},
      {"test-viewer", "viewer", VIEWER_KEY}
    };
    for (int i = 0; i < keys.length; i++) {
      String[] key = keys[i];
      String prefix = "upgradehub.gateway.api-keys[" + i + "].";
      registry.add(prefix + "name", () -> key[0]);
      registry.add(prefix + "role", () -> key[1]);
      registry.add(prefix + "sha256", () -> TestKeys.sha256Hex(key[2]));
    }
  }
}
