package io.upgradehub.platform.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration of a single-node KRaft broker that is both broker and controller, bound to
 * 127.0.0.1 only, with replication factors of 1 so it works alone.
 *
 * @param port the client (PLAINTEXT) port
 * @param controllerPort the KRaft controller port
 * @param logDirectory where partitions and the metadata log live; kept across restarts
 */
record KafkaBrokerConfig(int port, int controllerPort, Path logDirectory) {

  private static final int NODE_ID = 1;

  /** The broker's settings, in a stable order. */
  Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    // a static voter set: StorageTool must then format without --standalone
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", logDirectory.toAbsolutePath().toString());
    p.put("num.partitions", "3");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // every topic is declared by the services that use it; a mistyped or undeclared one must fail
    // loudly rather than appear with the default partition count
    p.put("auto.create.topics.enable", "false");
    // a laptop's disk, not a data centre's: keep a week or 1 GiB per partition
    p.put("log.retention.hours", "168");
    p.put("log.retention.bytes", String.valueOf(1L << 30));
    return p;
  }

  /** The settings as a {@code server.properties} file body. */
  String toPropertiesFile() {
    return properties().entrySet().stream()
            .map(e -> e.getKey() + "=" + escape(e.getValue()))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** Backslashes in Windows paths would be read as escapes by java.util.Properties. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
