package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.upgradehub.simulator.Fleet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A transfer accepted in part on the real platform, with simulated devices: only the accepted
 * devices are told to upgrade (an observer on the MQTT broker sees every command), each ends as the
 * simulator decided, and the rejected ones get no message at all.
 */
class TransferUpgradeIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Test
  void onlyAcceptedDevicesAreUpgradedAndEndAsTheSimulatorDecides() throws Exception {
    Api api = E2ePlatform.api();
    Campaigns campaigns = new Campaigns(E2ePlatform.platform(), api);
    String product = campaigns.registeredProduct("e2e-moved-");
    campaigns.uploadedPackage(product);
    Set<String> commanded = ConcurrentHashMap.newKeySet();
    Mqtt5AsyncClient observer =
        Mqtt5Client.builder()
            .identifier("e2e-observer-" + product)
            .serverHost("127.0.0.1")
            .serverPort(E2ePlatform.platform().mqttUri().getPort())
            .buildAsync();
    observer.connect().get(10, TimeUnit.SECONDS);
    observer
        .subscribeWith()
        .topicFilter("ota/v1/" + product + "/#")
        .callback(
            message -> {
              String[] levels = message.getTopic().toString().split("/");
              if (!List.of("status", "inform", "progress", "request").contains(levels[4])) {
                commanded.add(levels[3]); // upgrade and cancel go to the device
              }
            })
        .send()
        .get(10, TimeUnit.SECONDS);
    try (Fleet fleet =
        campaigns.fleetBuilder(product, 8, Duration.ofMillis(100)).failureRate(-3, 0.4).build()) {
      List<String> names = names(8);
      List<String> accepted = names.subList(0, 5);
      List<String> rejected = names.subList(5, 8);
      String body =
          Api.JSON.writeValueAsString(
              Map.of(
                  "source",
                  "factory-7",
                  "productKey",
                  product,
                  "startVersion",
                  Campaigns.FROM,
                  "targetVersion",
                  Campaigns.TARGET,
                  "deviceNames",
                  names));
      HttpResponse<String> created = campaigns.postTransfer(body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = Api.json(created).path("id").asString();
      // connected first, so that each command finds its device listening
      fleet.start();
      campaigns.awaitInventoryVersions(product, names, Campaigns.FROM);

      decide(api, id, "accept", accepted);
      decide(api, id, "reject", rejected);
      Campaigns.await(
          TIMEOUT,
          () -> "COMPLETED".equals(transfer(api, id).path("status").asString()),
          "the transfer to complete");

      Map<String, Map<String, String>> versions = fleet.versions();
      for (String name : accepted) {
        boolean upgraded = Campaigns.TARGET.equals(versions.get(name).get("default"));
        assertThat(state(api, id, name)).as(name).isEqualTo(upgraded ? "SUCCEEDED" : "FAILED");
      }
      for (String name : rejected) {
        assertThat(state(api, id, name)).as(name).isEqualTo("REJECTED");
        assertThat(versions.get(name).get("default")).isEqualTo(Campaigns.FROM);
      }
      JsonNode counts = transfer(api, id).path("counts");
      assertThat(counts.path("SUCCEEDED").asLong() + counts.path("FAILED").asLong()).isEqualTo(5);
      assertThat(counts.path("SUCCEEDED").asLong()).isEqualTo(fleet.stats().upgradesSucceeded());
      assertThat(counts.path("FAILED").asLong()).isEqualTo(fleet.stats().upgradesFailed());
      assertThat(counts.path("REJECTED").asLong()).isEqualTo(3);
      assertThat(commanded).containsExactlyInAnyOrderElementsOf(accepted);
    } finally {
      observer.disconnect();
    }
  }

  /** The names {@link Campaigns#fleet} gives its devices. */
  private static List<String> names(int count) {
    return IntStream.range(0, count).mapToObj(i -> "dev-%02d".formatted(i)).toList();
  }

  private static void decide(Api api, String id, String action, List<String> names)
      throws Exception {
    HttpResponse<String> decided =
        api.postJson(
            "/api/v1/transfers/" + id + "/" + action,
            E2ePlatform.ADMIN,
            Api.JSON.writeValueAsString(Map.of("deviceNames", names)));
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
  }

  private static JsonNode transfer(Api api, String id) {
    return Api.json(api.get("/api/v1/transfers/" + id, E2ePlatform.VIEWER));
  }

  private static String state(Api api, String id, String name) {
    return Api.json(
            api.get("/api/v1/transfers/" + id + "/devices?deviceName=" + name, E2ePlatform.VIEWER))
        .path("items")
        .get(0)
        .path("state")
        .asString();
  }
}
