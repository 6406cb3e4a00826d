package io.upgradehub.adapter.ingest;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceDisconnected;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceProgressReported;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.DeviceUpgradeRequested;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one device message, topic and payload, by the rules of the device protocol (§3, §4) and
 * turns it into the device events of §8. Pure and thread-safe: never throws for any input, never
 * blocks.
 *
 * <p>Checks, in order: the topic, the size, the JSON, the payload's identity, the product, then
 * each field, the module against the product's modules included.
 */
public final class DeviceMessageReader {

  /** The largest payload a device may send, in bytes (§1). */
  public static final int MAX_PAYLOAD_BYTES = 16_384;

  /** Earliest device timestamp taken as the device's own; older ones are replaced (§3.3). */
  static final Instant EARLIEST_TIMESTAMP = Instant.ofEpochMilli(1_577_836_800_000L);

  /** How far ahead of the platform's clock a device timestamp may be (§3.3). */
  static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(10);

  /** The module a message or pull that names none is about. */
  public static final String DEFAULT_MODULE = "default";

  private static final int MAX_DESC_CODE_POINTS = 256;
  private static final String UNKNOWN_MESSAGE = "unknown";

  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** A module name (§3.1). */
  public static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** A version (§3.1). */
  public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

  private final KnownProducts products;
  private final JsonMapper json =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * A reader that refuses messages of products and modules {@code products} does not know.
   *
   * @param products asked for every message, never null
   */
  public DeviceMessageReader(KnownProducts products) {
    this.products = products;
  }

  /** A reader without a product list: every product and module is taken as known. */
  public DeviceMessageReader() {
    this(KnownProducts.ANY);
  }

  /**
   * Reads one message.
   *
   * @param topic the MQTT topic it arrived on, never null
   * @param payload its payload, never null
   * @param receivedAt when the adapter received it: the events' {@code receivedAt} and {@code
   *     time}, and the stand-in for an unusable device timestamp
   * @return the events to publish, or why the message is dropped; never null
   */
  public Ingested read(String topic, byte[] payload, Instant receivedAt) {
    String[] levels = topic.split("/", -1);
    String message =
        levels.length == 0
            ? UNKNOWN_MESSAGE
            : MessageKind.ofSuffix(levels[levels.length - 1])
                .map(MessageKind::suffix)
                .orElse(UNKNOWN_MESSAGE);
    if (levels.length != 5
        || !"ota".equals(levels[0])
        || !"v1".equals(levels[1])
        || MessageKind.ofSuffix(levels[4]).isEmpty()
        || !DeviceKey.isValidProductKey(levels[2])
        || !DeviceKey.isValidDeviceName(levels[3])) {
      return new Ingested.Rejected(
          message, abbreviate(topic), RejectReason.INVALID_TOPIC, "topic " + abbreviate(topic));
    }
    DeviceKey device = new DeviceKey(levels[2], levels[3]);
    MessageKind kind = MessageKind.ofSuffix(levels[4]).orElseThrow();
    try {
      return accept(device, kind, payload, receivedAt);
    } catch (Refusal refusal) {
      return new Ingested.Rejected(
          kind.suffix(), device.value(), refusal.reason, refusal.getMessage());
    }
  }

  private Ingested.Accepted accept(
      DeviceKey device, MessageKind kind, byte[] payload, Instant receivedAt) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new Refusal(RejectReason.TOO_LARGE, payload.length + " bytes");
    }
    Fields fields = new Fields(parse(payload));
    checkIdentity(fields, "productKey", device.productKey());
    checkIdentity(fields, "deviceName", device.deviceName());
    if (!products.hasProduct(device.productKey())) {
      throw new Refusal(RejectReason.UNKNOWN_PRODUCT, "no product " + device.productKey());
    }
    String id = fields.string("id", MESSAGE_ID, true);
    Instant reportedAt = reportedAt(fields.longValue("timestamp"), receivedAt);
    // reportedAt() hands back receivedAt itself when it substitutes
    boolean substituted = reportedAt == receivedAt;
    List<EventEnvelope<?>> events =
        switch (kind) {
          case STATUS -> {
            boolean online = fields.bool("online");
            yield List.of(
                online
                    ? envelope(
                        device,
                        DeviceConnected.TYPE,
                        DeviceConnected.VERSION,
                        id,
                        receivedAt,
                        new DeviceConnected(
                            device.productKey(), device.deviceName(), id, reportedAt, receivedAt))
                    : envelope(
                        device,
                        DeviceDisconnected.TYPE,
                        DeviceDisconnected.VERSION,
                        id,
                        receivedAt,
                        new DeviceDisconnected(
                            device.productKey(), device.deviceName(), id, reportedAt, receivedAt)));
          }
          case INFORM -> {
            String module = module(device, fields);
            String version = fields.string("version", VERSION, true);
            yield List.of(versionReported(device, id, module, version, reportedAt, receivedAt));
          }
          case REQUEST -> {
            String module = module(device, fields);
            String version = fields.string("version", VERSION, true);
            yield requestEvents(
                device,
                id,
                module,
                version,
                DeviceUpgradeRequested.CHANNEL_MQTT,
                reportedAt,
                receivedAt);
          }
          case PROGRESS -> {
            String jobId = fields.string("jobId", MESSAGE_ID, true);
            int step = fields.step();
            String desc = fields.description();
            yield List.of(
                envelope(
                    device,
                    DeviceProgressReported.TYPE,
                    DeviceProgressReported.VERSION,
                    id,
                    receivedAt,
                    new DeviceProgressReported(
                        device.productKey(),
                        device.deviceName(),
                        jobId,
                        step > 0 ? step : null,
                        step < 0 ? step : null,
                        desc,
                        id,
                        reportedAt,
                        receivedAt)));
          }
        };
    return new Ingested.Accepted(device, kind, events, substituted);
  }

  /**
   * The events of an HTTP pull (§7): the same as a {@code request}'s, on channel {@code HTTP}.
   *
   * @param messageId the adapter's id for the pull (an HTTP pull has none of its own)
   * @param module a valid module name ({@link #MODULE})
   * @param version a valid version ({@link #VERSION})
   */
  public static List<EventEnvelope<?>> pullEvents(
      DeviceKey device, String messageId, String module, String version, Instant receivedAt) {
    return requestEvents(
        device,
        messageId,
        module,
        version,
        DeviceUpgradeRequested.CHANNEL_HTTP,
        receivedAt,
        receivedAt);
  }

  private static List<EventEnvelope<?>> requestEvents(
      DeviceKey device,
      String id,
      String module,
      String version,
      String channel,
      Instant reportedAt,
      Instant receivedAt) {
    return List.of(
        versionReported(device, id, module, version, reportedAt, receivedAt),
        envelope(
            device,
            DeviceUpgradeRequested.TYPE,
            DeviceUpgradeRequested.VERSION,
            id,
            receivedAt,
            new DeviceUpgradeRequested(
                device.productKey(),
                device.deviceName(),
                module,
                version,
                channel,
                id,
                reportedAt,
                receivedAt)));
  }

  private static EventEnvelope<?> versionReported(
      DeviceKey device,
      String id,
      String module,
      String version,
      Instant reportedAt,
      Instant receivedAt) {
    return envelope(
        device,
        DeviceVersionReported.TYPE,
        DeviceVersionReported.VERSION,
        id,
        receivedAt,
        new DeviceVersionReported(
            device.productKey(), device.deviceName(), module, version, id, reportedAt, receivedAt));
  }

  private static <T> EventEnvelope<T> envelope(
      DeviceKey device, String type, int version, String messageId, Instant receivedAt, T data) {
    return new EventEnvelope<>(
        device.eventId(type, messageId).toString(),
        type,
        version,
        DeviceTopics.REPORTS_SOURCE,
        receivedAt,
        device.value(),
        data);
  }

  private JsonNode parse(byte[] payload) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Refusal(RejectReason.INVALID_JSON, "not UTF-8");
    }
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JacksonException e) {
      throw new Refusal(
          RejectReason.INVALID_JSON, "not JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new Refusal(RejectReason.INVALID_JSON, "not one JSON object");
    }
    return node;
  }

  private static void checkIdentity(Fields fields, String name, String expected) {
    JsonNode value = fields.node.get(name);
    if (value != null
        && !value.isNull()
        && !(value.isString() && value.asString().equals(expected))) {
      throw new Refusal(
          RejectReason.IDENTITY_MISMATCH, name + " in the payload differs from the topic's");
    }
  }

  private String module(DeviceKey device, Fields fields) {
    String given = fields.string("module", MODULE, false);
    String module = given == null ? DEFAULT_MODULE : given;
    if (!products.hasModule(device.productKey(), module)) {
      throw new Refusal(RejectReason.UNKNOWN_MODULE, "no module " + module + " in the product");
    }
    return module;
  }

  private static Instant reportedAt(long timestamp, Instant receivedAt) {
    Instant claimed = Instant.ofEpochMilli(timestamp);
    if (claimed.isBefore(EARLIEST_TIMESTAMP) || claimed.isAfter(receivedAt.plus(MAX_CLOCK_AHEAD))) {
      return receivedAt;
    }
    return claimed;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return abbreviate(newline < 0 ? text : text.substring(0, newline));
  }

  private static String abbreviate(String value) {
    return value.length() <= 120 ? value : value.substring(0, 120) + "…";
  }

  private record Fields(JsonNode node) {

    private JsonNode required(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        throw new Refusal(RejectReason.MISSING_FIELD, name + " is required");
      }
      return value;
    }

    String string(String name, Pattern rule, boolean required) {
      JsonNode value = required ? required(name) : node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isString() || !rule.matcher(value.asString()).matches()) {
        throw new Refusal(RejectReason.INVALID_FIELD, name + " must be a string matching " + rule);
      }
      return value.asString();
    }

    long longValue(String name) {
      JsonNode value = required(name);
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw new Refusal(RejectReason.INVALID_FIELD, name + " must be an integer");
      }
      return value.longValue();
    }

    boolean bool(String name) {
      JsonNode value = required(name);
      if (!value.isBoolean()) {
        throw new Refusal(RejectReason.INVALID_FIELD, name + " must be true or false");
      }
      return value.booleanValue();
    }

    int step() {
      JsonNode value = required("step");
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw new Refusal(RejectReason.INVALID_FIELD, "step must be an integer");
      }
      int step = value.intValue();
      if (!(step >= 1 && step <= 100) && !(step >= -4 && step <= -1)) {
        throw new Refusal(RejectReason.INVALID_FIELD, "step must be 1..100 or -1..-4");
      }
      return step;
    }

    String description() {
      JsonNode value = node.get("desc");
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isString()) {
        throw new Refusal(RejectReason.INVALID_FIELD, "desc must be a string");
      }
      String desc = value.asString();
      // longer text is cut, not refused (§3.1); cut on code points, never inside a pair
      return desc.codePointCount(0, desc.length()) <= MAX_DESC_CODE_POINTS
          ? desc
          : desc.substring(0, desc.offsetByCodePoints(0, MAX_DESC_CODE_POINTS));
    }
  }

  /** Control flow inside the reader only: carries a reason up to {@link #read}. */
  private static final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    Refusal(RejectReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
