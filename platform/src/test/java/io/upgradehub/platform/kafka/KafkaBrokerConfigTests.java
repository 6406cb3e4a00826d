package io.upgradehub.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTests {

  private final KafkaBrokerConfig config =
      new KafkaBrokerConfig(19092, 19093, Path.of("/data/kafka"));

  @Test
  void runsAsBrokerAndControllerBoundToLoopbackOnly() {
    assertThat(config.properties())
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093");
  }

  @Test
  void usesReplicationFactorsOfOneSoASingleNodeWorks() {
    assertThat(config.properties())
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("default.replication.factor", "1");
  }

  @Test
  void writesAPropertiesFileThatReadsBackToTheSameSettings() throws Exception {
    Properties read = new Properties();
    read.load(new StringReader(config.toPropertiesFile()));

    assertThat(read).containsAllEntriesOf(config.properties());
    assertThat(read.getProperty("log.dirs")).isEqualTo(Path.of("/data/kafka").toString());
  }

  @Test
  void generatesClusterIdsKafkaAccepts() {
    for (int i = 0; i < 200; i++) {
      assertThat(ClusterId.random()).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    }
  }
}
