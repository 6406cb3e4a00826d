package io.upgradehub.campaign.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each decision that changed a device is published as {@code transfer.decided} on the batch events,
 * keyed by the transfer (written with the decision: the outbox); a repeated one is not.
 */
class TransferEventsIntegrationTests extends TransferIntegrationTest {

  @Test
  void publishesEachDecisionThatChangedDevices() throws Exception {
    String product = uniqueKey("ev");
    product(product, "Events", "default");
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    String id = transferId(product, List.of("e-1", "e-2", "e-3"));
    try (TopicReader events =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), BatchTopics.BATCH_EVENTS)) {
      postAs("/api/v1/transfers/" + id + "/accept", "{\"deviceNames\":[\"e-1\"]}");
      postAs("/api/v1/transfers/" + id + "/accept", "{\"deviceNames\":[\"e-1\"]}");
      postAs("/api/v1/transfers/" + id + "/reject", "{\"all\":true}");

      // the transfer's batch, opened by the accept, shares its id and key: its events are left out
      List<ConsumerRecord<String, String>> published =
          events.keyed(id, 4, Duration.ofSeconds(10)).stream()
              .filter(r -> json.readTree(r.value()).path("type").asString().startsWith("transfer."))
              .toList();

      assertThat(published).hasSize(2);
      JsonNode accepted = json.readTree(published.get(0).value());
      assertThat(accepted.path("type").asString()).isEqualTo("transfer.decided");
      assertThat(accepted.path("source").asString()).isEqualTo("campaign-service");
      JsonNode data = accepted.path("data");
      assertThat(data.path("transferId").asString()).isEqualTo(id);
      assertThat(data.path("action").asString()).isEqualTo("ACCEPT");
      assertThat(data.path("packageId").asString()).isEqualTo(pkg);
      assertThat(data.path("changed").asLong()).isEqualTo(1);
      assertThat(data.path("all").asBoolean()).isFalse();
      assertThat(data.path("counts").path("PENDING").asLong()).isEqualTo(1);
      assertThat(data.path("status").asString()).isEqualTo("IN_PROGRESS");
      assertThat(data.path("by").asString()).isEqualTo(OPERATOR);
      JsonNode rejected = json.readTree(published.get(1).value()).path("data");
      assertThat(rejected.path("action").asString()).isEqualTo("REJECT");
      assertThat(rejected.path("all").asBoolean()).isTrue();
      assertThat(rejected.path("changed").asLong()).isEqualTo(2);
    }
  }
}
