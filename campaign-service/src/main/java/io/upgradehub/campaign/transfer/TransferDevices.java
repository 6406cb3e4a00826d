package io.upgradehub.campaign.transfer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.upgradehub.outbox.Outbox;
import io.upgradehub.outbox.OutboxSource;
import io.upgradehub.outbox.PendingEvent;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/**
 * The devices of transfers (collection {@code transferDevices}, {@code _id} = {@code
 * transferId/deviceName}). While its transfer is open for it (awaiting review, or accepted and not
 * yet upgraded) a device carries the unique {@code hold} {@code productKey/deviceName}: the store
 * itself refuses a device to a second open transfer, even when two intakes run at once.
 */
@Repository
class TransferDevices {

  /** Devices written or looked up in one request to the store. */
  static final int CHUNK = 10_000;

  private static final String TRANSFER_ID = "transferId";
  private static final String DEVICE_NAME = "deviceName";
  private static final String STATE = "state";
  private static final String HOLD = "hold";
  private static final String DECISION = "decision";

  private static final String PLANNED = "planned";
  private static final String JOB_ID = "jobId";
  private static final String DESCRIPTION = "description";
  private static final String UPDATED_AT = "updatedAt";

  private final MongoCollection<Document> devices;
  private final Outbox outbox;
  private final OutboxSource source;

  TransferDevices(
      MongoCollection<Document> transferDeviceCollection,
      Outbox outbox,
      @Qualifier("transferDeviceOutbox") OutboxSource source) {
    this.devices = transferDeviceCollection;
    this.outbox = outbox;
    this.source = source;
  }

  @PostConstruct
  void createIndexes() {
    devices.createIndex(Indexes.ascending(HOLD), new IndexOptions().unique(true).sparse(true));
    devices.createIndex(Indexes.ascending(TRANSFER_ID, STATE, DEVICE_NAME));
    devices.createIndex(Indexes.ascending(TRANSFER_ID, DEVICE_NAME));
  }

  /**
   * Stores a new transfer's devices, each awaiting review and held.
   *
   * @return the positions in {@code names} of the devices another open transfer holds, which were
   *     not stored
   */
  List<Integer> insert(String transferId, String productKey, List<String> names, Instant now) {
    List<Integer> held = new ArrayList<>();
    Date at = Date.from(now);
    for (int from = 0; from < names.size(); from += CHUNK) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + CHUNK));
      List<Document> documents = new ArrayList<>(chunk.size());
      for (String name : chunk) {
        documents.add(
            new Document("_id", id(transferId, name))
                .append(TRANSFER_ID, transferId)
                .append(DEVICE_NAME, name)
                .append(STATE, TransferDeviceState.AWAITING_REVIEW.name())
                .append(HOLD, hold(productKey, name))
                .append(UPDATED_AT, at));
      }
      try {
        devices.insertMany(documents, new InsertManyOptions().ordered(false));
      } catch (MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
          if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
          held.add(from + error.getIndex());
        }
      }
    }
    return held;
  }

  /** Removes every device of a transfer (an intake that was refused). */
  void deleteAll(String transferId) {
    devices.deleteMany(eq(TRANSFER_ID, transferId));
  }

  /** The transfer's devices of these names that it has, with their states. */
  Map<String, TransferDeviceState> states(String transferId, List<String> names) {
    Map<String, TransferDeviceState> found = new HashMap<>();
    int prefix = id(transferId, "").length();
    for (int from = 0; from < names.size(); from += CHUNK) {
      states(ids(transferId, names, from))
          .forEach((id, state) -> found.put(id.substring(prefix), state));
    }
    return found;
  }

  /**
   * Moves the transfer's devices that await review (of {@code names}, or all when null) to {@code
   * to}, recording the decision, who made it and when; a rejected device lets go of its hold.
   *
   * @return how many devices moved
   */
  long decide(
      String transferId,
      @Nullable List<String> names,
      TransferDeviceState to,
      PendingDecision decision) {
    String by = decision.by();
    Instant now = decision.at();
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.set(STATE, to.name()));
    updates.add(Updates.set(DECISION, decision.id()));
    updates.add(Updates.set("decidedBy", by));
    updates.add(Updates.set("decidedAt", Date.from(now)));
    updates.add(Updates.set(UPDATED_AT, Date.from(now)));
    if (!to.holds()) {
      updates.add(Updates.unset(HOLD));
    }
    Bson update = Updates.combine(updates);
    Bson awaiting = eq(STATE, TransferDeviceState.AWAITING_REVIEW.name());
    if (names == null) {
      return devices
          .updateMany(and(eq(TRANSFER_ID, transferId), awaiting), update)
          .getModifiedCount();
    }
    long moved = 0;
    for (int from = 0; from < names.size(); from += CHUNK) {
      moved +=
          devices
              .updateMany(and(in("_id", ids(transferId, names, from)), awaiting), update)
              .getModifiedCount();
    }
    return moved;
  }

  /**
   * Up to {@code limit} accepted devices of the transfer that no planning took yet, by name after
   * {@code after} (null: from the first): each read goes on where the last ended, in the {@code
   * _id} index, rather than passing over the devices planned before it again.
   */
  List<String> unplanned(String transferId, @Nullable String after, int limit) {
    List<String> names = new ArrayList<>(limit);
    for (Document d :
        devices
            .find(
                and(
                    gt("_id", id(transferId, after == null ? "" : after)),
                    // every id of the transfer starts "transferId/", and '0' follows '/'
                    lt("_id", transferId + "0"),
                    eq(STATE, TransferDeviceState.PENDING.name()),
                    exists(PLANNED, false)))
            .projection(Projections.include(DEVICE_NAME))
            .sort(Sorts.ascending("_id"))
            .limit(limit)) {
      names.add(d.getString(DEVICE_NAME));
    }
    return names;
  }

  /** Marks devices as taken by a planning: no later one considers them again. */
  void markPlanned(String transferId, List<String> names) {
    for (int from = 0; from < names.size(); from += CHUNK) {
      devices.updateMany(in("_id", ids(transferId, names, from)), Updates.set(PLANNED, true));
    }
  }

  /** Whether a device of the transfer still awaits review. */
  boolean anyAwaiting(String transferId) {
    return devices
            .find(
                and(
                    eq(TRANSFER_ID, transferId),
                    eq(STATE, TransferDeviceState.AWAITING_REVIEW.name())))
            .projection(Projections.include("_id"))
            .first()
        != null;
  }

  /**
   * A device's move to {@code to}, with its job, the text for operators and the events to publish
   * with it; {@code from} is the state it was read in.
   */
  record Move(
      String transferId,
      String deviceName,
      TransferDeviceState to,
      @Nullable String jobId,
      @Nullable String description,
      Instant at,
      @Nullable TransferDeviceState from,
      List<PendingEvent> events) {

    Move(
        String transferId,
        String deviceName,
        TransferDeviceState to,
        @Nullable String jobId,
        @Nullable String description,
        Instant at) {
      this(transferId, deviceName, to, jobId, description, at, null, List.of());
    }

    String id() {
      return TransferDevices.id(transferId, deviceName);
    }

    /** This move of a device read in {@code from}, raising {@code events}. */
    Move from(TransferDeviceState from, List<PendingEvent> events) {
      return new Move(transferId, deviceName, to, jobId, description, at, from, events);
    }
  }

  /** The states of the devices with these ids that exist. */
  Map<String, TransferDeviceState> states(Collection<String> ids) {
    Map<String, TransferDeviceState> found = new HashMap<>();
    for (Document d :
        devices.find(in("_id", List.copyOf(ids))).projection(Projections.include(STATE))) {
      found.put(d.getString("_id"), TransferDeviceState.valueOf(d.getString(STATE)));
    }
    return found;
  }

  /**
   * Makes the moves in one bulk write, each only if its device is still in the state it was read
   * in; a device that ends lets go of its hold.
   *
   * @return the moves made
   */
  List<Move> moveAll(List<Move> moves) {
    if (moves.isEmpty()) {
      return List.of();
    }
    List<UpdateOneModel<Document>> writes = new ArrayList<>(moves.size());
    List<String> withEvents = new ArrayList<>();
    for (Move move : moves) {
      List<Bson> updates = new ArrayList<>();
      updates.add(Updates.set(STATE, move.to().name()));
      updates.add(Updates.set(UPDATED_AT, Date.from(move.at())));
      if (move.jobId() != null) {
        updates.add(Updates.set(JOB_ID, move.jobId()));
      }
      updates.add(Updates.set(DESCRIPTION, move.description()));
      if (!move.to().holds()) {
        updates.add(Updates.unset(HOLD));
      }
      if (!move.events().isEmpty()) {
        updates.add(
            Updates.pushEach(
                Outbox.FIELD, outbox.entries(move.transferId(), move.at(), move.events())));
        withEvents.add(move.id());
      }
      writes.add(
          new UpdateOneModel<>(
              and(eq("_id", move.id()), eq(STATE, move.from().name())), Updates.combine(updates)));
    }
    BulkWriteResult result = devices.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    if (!withEvents.isEmpty()) {
      outbox.written(source, withEvents);
    }
    if (result.getModifiedCount() == moves.size()) {
      return moves;
    }
    // another writer moved some meanwhile: those now in their target state were moved here
    Map<String, TransferDeviceState> after = states(moves.stream().map(Move::id).toList());
    return moves.stream().filter(move -> after.get(move.id()) == move.to()).toList();
  }

  /**
   * Cancels the transfer's devices that no job will end: those awaiting review, and those accepted
   * but not yet planned. Each lets go of its hold; devices with a job end as their job is canceled.
   *
   * @return how the counts moved
   */
  Map<TransferDeviceState, Long> cancelWaiting(String transferId, Instant at) {
    Bson cancel =
        Updates.combine(
            Updates.set(STATE, TransferDeviceState.CANCELED.name()),
            Updates.set(DESCRIPTION, "the transfer was canceled"),
            Updates.set(UPDATED_AT, Date.from(at)),
            Updates.unset(HOLD));
    long awaiting =
        devices
            .updateMany(
                and(
                    eq(TRANSFER_ID, transferId),
                    eq(STATE, TransferDeviceState.AWAITING_REVIEW.name())),
                cancel)
            .getModifiedCount();
    long pending =
        devices
            .updateMany(
                and(
                    eq(TRANSFER_ID, transferId),
                    eq(STATE, TransferDeviceState.PENDING.name()),
                    exists(PLANNED, false)),
                cancel)
            .getModifiedCount();
    Map<TransferDeviceState, Long> deltas = new EnumMap<>(TransferDeviceState.class);
    deltas.put(TransferDeviceState.AWAITING_REVIEW, -awaiting);
    deltas.put(TransferDeviceState.PENDING, -pending);
    deltas.put(TransferDeviceState.CANCELED, awaiting + pending);
    return deltas;
  }

  /** How many of the transfer's devices the decision moved. */
  long countDecided(String transferId, String decisionId) {
    return devices.countDocuments(and(eq(TRANSFER_ID, transferId), eq(DECISION, decisionId)));
  }

  /** How many of the transfer's devices are in each state (every state present). */
  Map<TransferDeviceState, Long> count(String transferId) {
    Map<TransferDeviceState, Long> counts = new EnumMap<>(TransferDeviceState.class);
    for (TransferDeviceState state : TransferDeviceState.values()) {
      counts.put(state, 0L);
    }
    for (Document d :
        devices.aggregate(
            List.of(
                Aggregates.match(eq(TRANSFER_ID, transferId)),
                Aggregates.group("$" + STATE, Accumulators.sum("n", 1))))) {
      counts.put(
          TransferDeviceState.valueOf(d.getString("_id")), d.get("n", Number.class).longValue());
    }
    return counts;
  }

  /** A page of the transfer's devices by name, optionally of one state or names containing text. */
  List<TransferDevice> page(
      String transferId,
      @Nullable TransferDeviceState state,
      @Nullable String deviceName,
      int page,
      int size) {
    List<TransferDevice> found = new ArrayList<>();
    for (Document d :
        devices
            .find(filter(transferId, state, deviceName))
            .sort(Sorts.ascending(DEVICE_NAME))
            .skip(page * size)
            .limit(size)) {
      found.add(
          new TransferDevice(
              d.getString(DEVICE_NAME),
              TransferDeviceState.valueOf(d.getString(STATE)),
              d.getString("decidedBy"),
              instant(d.getDate("decidedAt")),
              d.getString(JOB_ID),
              d.getString(DESCRIPTION),
              d.getDate(UPDATED_AT).toInstant()));
    }
    return found;
  }

  long count(String transferId, @Nullable TransferDeviceState state, @Nullable String deviceName) {
    return devices.countDocuments(filter(transferId, state, deviceName));
  }

  private static Bson filter(
      String transferId, @Nullable TransferDeviceState state, @Nullable String deviceName) {
    List<Bson> parts = new ArrayList<>();
    parts.add(eq(TRANSFER_ID, transferId));
    if (state != null) {
      parts.add(eq(STATE, state.name()));
    }
    if (deviceName != null) {
      parts.add(
          regex(DEVICE_NAME, Pattern.compile(Pattern.quote(deviceName), Pattern.CASE_INSENSITIVE)));
    }
    return and(parts);
  }

  /** The ids of the {@value #CHUNK} names (or fewer, at the end) from {@code from} on. */
  private static List<String> ids(String transferId, List<String> names, int from) {
    List<String> ids = new ArrayList<>(CHUNK);
    for (String name : names.subList(from, Math.min(names.size(), from + CHUNK))) {
      ids.add(id(transferId, name));
    }
    return ids;
  }

  static String id(String transferId, String deviceName) {
    return transferId + "/" + deviceName;
  }

  private static String hold(String productKey, String deviceName) {
    return productKey + "/" + deviceName;
  }

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }
}
