package io.upgradehub.adapter.command;

import io.upgradehub.events.devices.CancelCommand;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.UpgradeCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the device commands topic, one {@code EventEnvelope} in JSON per record, in order per
 * device. A record that cannot be read (not an envelope, a type this version does not know, a field
 * that breaks the protocol's rules) is counted, logged and skipped: it must never block the
 * device's later commands.
 *
 * <p>A poll's commands are sent without waiting for each acknowledgement (one at a time, the
 * broker's round trip would cap an instance at a few hundred commands a second), except that a
 * device's second command in a poll waits for everything sent before it, so a device gets its
 * commands in order. The poll's offsets are committed only after every command was delivered; from
 * the first one that was not, the container's error handler delivers the rest again with backoff
 * ({@code system/KafkaConfiguration}).
 */
@Component
class DeviceCommandListener {

  private static final Logger log = LoggerFactory.getLogger(DeviceCommandListener.class);
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final CommandDelivery delivery;
  private final JsonMapper json;

  DeviceCommandListener(CommandDelivery delivery, JsonMapper json) {
    this.delivery = delivery;
    this.json = json;
  }

  @KafkaListener(topics = DeviceTopics.DEVICE_COMMANDS, batch = "true")
  void onCommands(List<ConsumerRecord<String, String>> records) {
    CommandsInFlight inFlight = new CommandsInFlight();
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, String> record = records.get(i);
      if (inFlight.holds(record.key())) {
        inFlight.awaitAll();
      }
      inFlight.add(i, record.key(), deliver(record));
    }
    inFlight.awaitAll();
  }

  /** Starts delivering one record; a skipped record is done at once. */
  private CompletableFuture<Void> deliver(ConsumerRecord<String, String> record) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    JsonNode envelope;
    try {
      envelope = record.value() == null ? null : json.readTree(record.value());
    } catch (JacksonException e) {
      envelope = null;
    }
    String id = envelope == null ? null : text(envelope, "id");
    String type = envelope == null ? null : text(envelope, "type");
    JsonNode data = envelope == null ? null : envelope.get("data");
    if (id == null || type == null || data == null || !data.isObject()) {
      skip("unknown", where, "not an event envelope");
      return DONE;
    }
    try {
      switch (type) {
        case UpgradeCommand.TYPE -> {
          UpgradeCommand command = json.treeToValue(data, UpgradeCommand.class);
          check(command.jobId(), command.productKey(), command.deviceName(), command.module());
          check(notBlank(command.packageId()), "packageId");
          check(notBlank(command.targetVersion()), "targetVersion");
          return delivery.upgrade(id, command);
        }
        case CancelCommand.TYPE -> {
          CancelCommand command = json.treeToValue(data, CancelCommand.class);
          check(command.jobId(), command.productKey(), command.deviceName(), command.module());
          return delivery.cancel(id, command);
        }
        default -> skip(type, where, "a type this version does not know");
      }
    } catch (JacksonException e) {
      skip(type, where, "unreadable data: " + e.getOriginalMessage());
    } catch (InvalidCommand e) {
      skip(type, where, e.getMessage());
    }
    return DONE;
  }

  private void skip(String type, String where, String why) {
    delivery.unreadable(type);
    log.warn("Skipped the device command at {} ({}): {}", where, type, why);
  }

  private static void check(String jobId, String productKey, String deviceName, String module) {
    check(jobId != null && JOB_ID.matcher(jobId).matches(), "jobId");
    check(DeviceKey.isValidProductKey(productKey), "productKey");
    check(DeviceKey.isValidDeviceName(deviceName), "deviceName");
    check(module != null && MODULE.matcher(module).matches(), "module");
  }

  private static void check(boolean valid, String field) {
    if (!valid) {
      throw new InvalidCommand(field + " is missing or breaks the protocol's rule");
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  /** Control flow inside the listener only. */
  private static final class InvalidCommand extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidCommand(String message) {
      super(message, null, false, false);
    }
  }
}
