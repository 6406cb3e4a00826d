package io.upgradehub.campaign.batch;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.outbox.Outbox;
import io.upgradehub.outbox.OutboxSource;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/**
 * Batches (collection {@code batches}, {@code _id} = batch id). A state change and its event are
 * one write conditional on the state it was read in; counts, planning progress and the dispatch
 * cursor are separate field updates, so none of them races a state change.
 */
@Repository
public class Batches {

  private static final String PLANNING_LEASE = "planningLease";
  private static final String PLANNING_RUNS = "planningRuns";
  private static final String PLAN_REQUESTS = "planRequests";

  private final MongoCollection<Document> batches;
  private final Outbox outbox;
  private final OutboxSource source;

  Batches(
      MongoCollection<Document> batchCollection,
      Outbox outbox,
      @Qualifier("batchOutbox") OutboxSource source) {
    this.batches = batchCollection;
    this.outbox = outbox;
    this.source = source;
  }

  @PostConstruct
  void createIndexes() {
    batches.createIndex(Indexes.ascending(BatchDocuments.PACKAGE_ID, BatchDocuments.CREATED_AT));
    batches.createIndex(Indexes.ascending(BatchDocuments.ACTIVE));
  }

  void insert(Batch batch) {
    batches.insertOne(
        BatchDocuments.toDocument(batch)
            .append(Outbox.FIELD, outbox.entries(batch.id(), batch.createdAt(), batch.events())));
    outbox.written(source, List.of(batch.id()));
  }

  public Optional<Batch> find(String id) {
    return Optional.ofNullable(batches.find(eq("_id", id)).first())
        .map(BatchDocuments::fromDocument);
  }

  /** Batches that have not ended, for the scheduler. */
  public List<Batch> active() {
    return batches
        .find(eq(BatchDocuments.ACTIVE, true))
        .map(BatchDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  /** A package's batches, newest first. */
  List<Batch> ofPackage(String packageId, int page, int size) {
    return batches
        .find(eq(BatchDocuments.PACKAGE_ID, packageId))
        .sort(Sorts.descending(BatchDocuments.CREATED_AT))
        .skip(page * size)
        .limit(size)
        .map(BatchDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  long countOfPackage(String packageId) {
    return batches.countDocuments(eq(BatchDocuments.PACKAGE_ID, packageId));
  }

  /**
   * Stores a state change made on {@code batch} with its event, if the batch is still in {@code
   * expected}.
   *
   * @return false when its state changed meanwhile
   */
  public boolean changeState(Batch batch, BatchState expected, Instant now) {
    boolean saved =
        batches
                .updateOne(
                    and(eq("_id", batch.id()), eq(BatchDocuments.STATE, expected.name())),
                    Updates.combine(
                        new Document("$set", BatchDocuments.stateFields(batch)),
                        Updates.pushEach(
                            Outbox.FIELD, outbox.entries(batch.id(), now, batch.events()))))
                .getModifiedCount()
            == 1;
    if (saved) {
      outbox.written(source, List.of(batch.id()));
    }
    return saved;
  }

  /** Moves the batch's job counts: {@code +n} for a state entered, {@code -n} for one left. */
  public void addCounts(String batchId, Map<JobState, Long> deltas) {
    List<Bson> incs = new ArrayList<>();
    deltas.forEach(
        (state, n) -> {
          if (n != 0) {
            incs.add(Updates.inc(BatchDocuments.COUNTS + "." + state.name(), n));
          }
        });
    if (!incs.isEmpty()) {
      batches.updateOne(eq("_id", batchId), Updates.combine(incs));
    }
  }

  /** Replaces the job counts by a recount. */
  public void setCounts(String batchId, Map<JobState, Long> counts) {
    Document all = new Document();
    counts.forEach((state, n) -> all.append(state.name(), n));
    batches.updateOne(eq("_id", batchId), Updates.set(BatchDocuments.COUNTS, all));
  }

  /**
   * Records a chunk of planning: jobs numbered up to {@code planSeq} exist, {@code planned} more
   * were stored, {@code excluded} devices more were not taken.
   */
  public void planned(
      String batchId,
      long planSeq,
      long planned,
      Map<String, Long> excluded,
      boolean done,
      Instant leaseUntil) {
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.set(PLANNING_LEASE, Date.from(leaseUntil)));
    updates.add(Updates.max(BatchDocuments.PLAN_SEQ, planSeq));
    updates.add(Updates.inc(BatchDocuments.PLANNED, planned));
    updates.add(Updates.inc(BatchDocuments.COUNTS + "." + JobState.QUEUED.name(), planned));
    excluded.forEach((why, n) -> updates.add(Updates.inc(BatchDocuments.EXCLUDED + "." + why, n)));
    if (done) {
      updates.add(Updates.set(BatchDocuments.PLANNING_DONE, true));
    }
    batches.updateOne(eq("_id", batchId), Updates.combine(updates));
  }

  /**
   * Claims the planning of a batch for {@code lease}: nobody else plans it until the lease ends
   * (the planner renews it with every chunk it stores).
   *
   * @return false when another planner holds it
   */
  public boolean claimPlanning(String batchId, Instant now, java.time.Duration lease) {
    return batches
            .updateOne(
                and(
                    eq("_id", batchId),
                    eq(BatchDocuments.PLANNING_DONE, false),
                    com.mongodb.client.model.Filters.or(
                        com.mongodb.client.model.Filters.exists(PLANNING_LEASE, false),
                        com.mongodb.client.model.Filters.lt(PLANNING_LEASE, Date.from(now)))),
                Updates.set(PLANNING_LEASE, Date.from(now.plus(lease))))
            .getModifiedCount()
        == 1;
  }

  /** Running or paused {@code DYNAMIC} batches whose planning is done, which devices may join. */
  public List<Batch> joinable() {
    return batches
        .find(
            and(
                eq(BatchDocuments.ACTIVE, true),
                eq("strategy", Strategy.DYNAMIC.name()),
                eq(BatchDocuments.PLANNING_DONE, true)))
        .map(BatchDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  /** Takes an ended batch whose jobs all ended off the scheduler's list. */
  public void retire(String batchId) {
    batches.updateOne(eq("_id", batchId), Updates.set(BatchDocuments.ACTIVE, false));
  }

  /**
   * Notes that a planning starts (again, after a stop or a transfer's decision), forgetting the
   * exclusion counts of the earlier ones when {@code resetExclusions}.
   *
   * @return whether a planning of the batch started before this one
   */
  boolean restartPlanning(String batchId, boolean resetExclusions) {
    Bson runs = Updates.inc(PLANNING_RUNS, 1);
    Document before =
        batches.findOneAndUpdate(
            eq("_id", batchId),
            resetExclusions
                ? Updates.combine(Updates.set(BatchDocuments.EXCLUDED, new Document()), runs)
                : runs);
    return before != null && before.get(PLANNING_RUNS, 0) > 0;
  }

  /** How many times a transfer's decisions asked for the batch to be planned again. */
  long planRequests(String batchId) {
    Document d =
        batches.find(eq("_id", batchId)).projection(Projections.include(PLAN_REQUESTS)).first();
    return d == null ? 0 : d.get(PLAN_REQUESTS, 0L);
  }

  /**
   * Asks for a transfer's batch to be planned again at once (its devices were decided): its
   * planning is open again and free to claim, unless the batch ended.
   */
  public void reopenPlanning(String batchId) {
    batches.updateOne(
        and(eq("_id", batchId), eq(BatchDocuments.ACTIVE, true)),
        Updates.combine(
            Updates.set(BatchDocuments.PLANNING_DONE, false),
            Updates.unset(PLANNING_LEASE),
            Updates.inc(PLAN_REQUESTS, 1L)));
  }

  /**
   * Rests a planning with nothing to plan for now until {@code until}, unless planning was asked
   * for again since {@code requests} was read.
   *
   * @return false when it was asked for again
   */
  boolean parkPlanning(String batchId, long requests, Instant until) {
    return batches
            .updateOne(
                and(eq("_id", batchId), requests(requests)),
                Updates.set(PLANNING_LEASE, Date.from(until)))
            .getModifiedCount()
        == 1;
  }

  /**
   * Ends a planning for good and lets go of it, unless planning was asked for again since {@code
   * requests} was read.
   *
   * @return false when it was asked for again
   */
  boolean finishPlanning(String batchId, long requests, Instant now) {
    return batches
            .updateOne(
                and(eq("_id", batchId), requests(requests)),
                Updates.combine(
                    Updates.set(BatchDocuments.PLANNING_DONE, true),
                    Updates.set(PLANNING_LEASE, Date.from(now))))
            .getModifiedCount()
        == 1;
  }

  private static Bson requests(long requests) {
    return requests == 0
        ? com.mongodb.client.model.Filters.or(
            com.mongodb.client.model.Filters.exists(PLAN_REQUESTS, false), eq(PLAN_REQUESTS, 0L))
        : eq(PLAN_REQUESTS, requests);
  }

  /**
   * Moves the dispatch cursor from {@code fromSeq} to {@code toSeq}, if it is still at {@code
   * fromSeq} and the batch still runs: whoever moves it owns the jobs in between.
   *
   * @return false when another instance moved it, or the batch stopped
   */
  public boolean advance(
      String batchId,
      long fromSeq,
      long toSeq,
      @org.jspecify.annotations.Nullable Instant rateTime) {
    return batches
            .updateOne(
                and(
                    eq("_id", batchId),
                    eq(BatchDocuments.NEXT_SEQ, fromSeq),
                    eq(BatchDocuments.STATE, BatchState.RUNNING.name())),
                Updates.combine(
                    Updates.set(BatchDocuments.NEXT_SEQ, toSeq),
                    Updates.set(
                        BatchDocuments.RATE_TIME, rateTime == null ? null : Date.from(rateTime))))
            .getModifiedCount()
        == 1;
  }
}
