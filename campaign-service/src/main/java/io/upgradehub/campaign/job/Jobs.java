package io.upgradehub.campaign.job;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.outbox.Outbox;
import io.upgradehub.outbox.OutboxSource;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/**
 * Device jobs (collection {@code jobs}, {@code _id} = job id {@code {batchId}-{seq}}). An open job
 * holds the unique {@code slot} {@code productKey/deviceName/module}: the store itself refuses a
 * second open job of a device's module, even when two instances plan at once. Every change is one
 * conditional write of the job with the events it raised (the outbox), on the revision it was read
 * at.
 */
@Repository
public class Jobs {

  private static final String WRITER = "writer";

  private final MongoCollection<Document> jobs;
  private final Outbox outbox;
  private final OutboxSource source;

  Jobs(
      MongoCollection<Document> jobCollection,
      Outbox outbox,
      @Qualifier("jobOutbox") OutboxSource source) {
    this.jobs = jobCollection;
    this.outbox = outbox;
    this.source = source;
  }

  @PostConstruct
  void createIndexes() {
    jobs.createIndex(Indexes.ascending(JobDocuments.SLOT), new IndexOptions().unique(true));
    // what a real MongoDB needs for the batch's lists, sweeps and a device's jobs
    jobs.createIndex(Indexes.ascending(JobDocuments.BATCH_ID, JobDocuments.STATE));
    jobs.createIndex(Indexes.ascending(JobDocuments.BATCH_ID, JobDocuments.DUE));
    jobs.createIndex(Indexes.ascending(JobDocuments.PRODUCT_KEY, JobDocuments.DEVICE_NAME));
    jobs.createIndex(Indexes.ascending(JobDocuments.BATCH_ID, JobDocuments.DEVICE_NAME));
  }

  /**
   * What {@link #insertPlanned} stored.
   *
   * @param stored how many jobs were stored
   * @param holders of the devices' modules that were held already, the job holding each
   */
  public record Inserted(long stored, Map<String, String> holders) {}

  /** Stores new jobs; a job whose device's module is held by another open job is not stored. */
  public Inserted insertPlanned(List<Job> planned) {
    if (planned.isEmpty()) {
      return new Inserted(0, Map.of());
    }
    List<Document> documents = new ArrayList<>(planned.size());
    // only jobs with events for the relay (a planned job has none; see Job.plan)
    List<String> ids = new ArrayList<>();
    for (Job job : planned) {
      documents.add(withOutbox(JobDocuments.newDocument(job), job));
      if (!job.events().isEmpty()) {
        ids.add(job.id());
      }
    }
    Set<Integer> refused = new HashSet<>();
    try {
      jobs.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        refused.add(error.getIndex());
      }
    }
    if (!ids.isEmpty()) {
      outbox.written(source, ids);
    }
    if (refused.isEmpty()) {
      return new Inserted(planned.size(), Map.of());
    }
    return new Inserted(
        planned.size() - refused.size(),
        held(refused.stream().map(i -> planned.get(i).slot()).toList()));
  }

  public Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.find(eq("_id", id)).first()).map(JobDocuments::fromDocument);
  }

  /** The jobs of these ids that exist, by id. */
  public Map<String, Job> findAll(Collection<String> ids) {
    Map<String, Job> found = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      for (Document d : jobs.find(in("_id", ids))) {
        Job job = JobDocuments.fromDocument(d);
        found.put(job.id(), job);
      }
    }
    return found;
  }

  /** Of these slots, the ones an open job holds, with the holder's job id. */
  public Map<String, String> held(Collection<String> slots) {
    Map<String, String> holders = new LinkedHashMap<>();
    if (!slots.isEmpty()) {
      for (Document d :
          jobs.find(in(JobDocuments.SLOT, slots)).projection(new Document(JobDocuments.SLOT, 1))) {
        holders.put(d.getString(JobDocuments.SLOT), d.getString("_id"));
      }
    }
    return holders;
  }

  /** A batch's job of a device, if it has one. */
  public Optional<Job> ofBatchDevice(String batchId, String deviceName) {
    return Optional.ofNullable(
            jobs.find(
                    and(
                        eq(JobDocuments.BATCH_ID, batchId),
                        eq(JobDocuments.DEVICE_NAME, deviceName)))
                .first())
        .map(JobDocuments::fromDocument);
  }

  /** The open job of a device's module, if any. */
  public Optional<Job> findOpen(String productKey, String deviceName, String module) {
    return Optional.ofNullable(
            jobs.find(eq(JobDocuments.SLOT, Job.slot(productKey, deviceName, module))).first())
        .map(JobDocuments::fromDocument);
  }

  /**
   * Stores what changed on a job, with the events it raised, if nobody changed it since it was
   * read.
   *
   * @return false when it was changed meanwhile (the caller reads again and decides again)
   */
  public boolean save(Job job) {
    boolean saved =
        jobs.updateOne(
                    and(eq("_id", job.id()), eq(JobDocuments.REVISION, job.revision())),
                    update(job))
                .getModifiedCount()
            == 1;
    if (saved && !job.events().isEmpty()) {
      outbox.written(source, List.of(job.id()));
    }
    return saved;
  }

  /**
   * Stores several changed jobs in one round trip, each on its own revision.
   *
   * @return the ids of the jobs stored; the others were changed meanwhile
   */
  public Set<String> saveAll(List<Job> changed) {
    if (changed.isEmpty()) {
      return Set.of();
    }
    // marks this write, so that a job two writers saved from one revision is counted by the one
    // whose write stood, not by both
    String token = java.util.UUID.randomUUID().toString();
    List<WriteModel<Document>> writes = new ArrayList<>(changed.size());
    Set<String> claimed = new HashSet<>();
    for (Job job : changed) {
      Bson update = Updates.combine(update(job), Updates.set(WRITER, token));
      // a document read without waiting events is claimed for this instance's relay right here
      if (!job.events().isEmpty() && !job.eventsWaitingWhenRead()) {
        update = Updates.combine(update, outbox.claimForRelay(job.updatedAt()));
        claimed.add(job.id());
      }
      writes.add(
          new UpdateOneModel<>(
              and(eq("_id", job.id()), eq(JobDocuments.REVISION, job.revision())), update));
    }
    long modified =
        jobs.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
    Set<String> saved = new HashSet<>();
    if (modified == changed.size()) {
      changed.forEach(job -> saved.add(job.id()));
    } else {
      // some lost a race: ours are those still carrying this write's token
      List<String> ids = changed.stream().map(Job::id).toList();
      for (Document d : jobs.find(and(in("_id", ids), eq(WRITER, token)))) {
        saved.add(d.getString("_id"));
      }
    }
    List<String> savedClaimed = new ArrayList<>();
    List<String> savedOthers = new ArrayList<>();
    for (Job job : changed) {
      if (saved.contains(job.id()) && !job.events().isEmpty()) {
        (claimed.contains(job.id()) ? savedClaimed : savedOthers).add(job.id());
      }
    }
    outbox.writtenClaimed(source, savedClaimed);
    outbox.written(source, savedOthers);
    return saved;
  }

  /** Jobs of a batch whose timeout or retry is due, at most {@code limit}. */
  public List<Job> due(String batchId, Instant now, int limit) {
    return jobs.find(and(eq(JobDocuments.BATCH_ID, batchId), lte(JobDocuments.DUE, Date.from(now))))
        .limit(limit)
        .map(JobDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  /** Open jobs of a batch, at most {@code limit}, for a cancel. */
  public List<Job> openOf(String batchId, int limit) {
    return jobs.find(and(eq(JobDocuments.BATCH_ID, batchId), open()))
        .limit(limit)
        .map(JobDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  /** How many jobs of a batch are in each state (every state present, 0 when none). */
  public Map<JobState, Long> countByState(String batchId) {
    Map<JobState, Long> counts = new LinkedHashMap<>();
    for (JobState state : JobState.values()) {
      counts.put(state, 0L);
    }
    for (Document group :
        jobs.aggregate(
            List.of(
                new Document("$match", new Document(JobDocuments.BATCH_ID, batchId)),
                new Document(
                    "$group",
                    new Document("_id", "$" + JobDocuments.STATE)
                        .append("n", new Document("$sum", 1)))))) {
      counts.put(
          JobState.valueOf(group.getString("_id")), group.get("n", Number.class).longValue());
    }
    return counts;
  }

  /** Whether a batch still has an open job (running, queued or waiting for its retry). */
  public boolean anyOpen(String batchId) {
    return jobs.find(and(eq(JobDocuments.BATCH_ID, batchId), open()))
            .projection(new Document("_id", 1))
            .first()
        != null;
  }

  /** A page of a batch's jobs in planning order, optionally of one state or one device. */
  public List<Job> page(
      String batchId, @Nullable JobState state, @Nullable String deviceName, int page, int size) {
    return jobs.find(listFilter(batchId, state, deviceName))
        .sort(Sorts.ascending(JobDocuments.SEQ))
        .skip(page * size)
        .limit(size)
        .map(JobDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  public long count(String batchId, @Nullable JobState state, @Nullable String deviceName) {
    return jobs.countDocuments(listFilter(batchId, state, deviceName));
  }

  /** A device's jobs, newest first. */
  public List<Job> ofDevice(String productKey, String deviceName, int page, int size) {
    return jobs.find(deviceFilter(productKey, deviceName))
        .sort(Sorts.descending("createdAt"))
        .skip(page * size)
        .limit(size)
        .map(JobDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  public long countOfDevice(String productKey, String deviceName) {
    return jobs.countDocuments(deviceFilter(productKey, deviceName));
  }

  /** An open job: an attempt not ended, or one ended that waits for its retry. */
  private static Bson open() {
    return com.mongodb.client.model.Filters.or(
        in(
            JobDocuments.STATE,
            List.of(
                JobState.QUEUED.name(),
                JobState.NOTIFIED.name(),
                JobState.DOWNLOADING.name(),
                JobState.UPGRADING.name())),
        eq("retryPending", true));
  }

  private static Bson deviceFilter(String productKey, String deviceName) {
    return and(eq(JobDocuments.PRODUCT_KEY, productKey), eq(JobDocuments.DEVICE_NAME, deviceName));
  }

  private static Bson listFilter(
      String batchId, @Nullable JobState state, @Nullable String deviceName) {
    List<Bson> filters = new ArrayList<>();
    filters.add(eq(JobDocuments.BATCH_ID, batchId));
    if (state != null) {
      filters.add(eq(JobDocuments.STATE, state.name()));
    }
    if (deviceName != null) {
      filters.add(
          com.mongodb.client.model.Filters.regex(
              JobDocuments.DEVICE_NAME, Pattern.compile(Pattern.quote(deviceName))));
    }
    return and(filters);
  }

  private Bson update(Job job) {
    Document changes = JobDocuments.changes(job).append(JobDocuments.REVISION, job.revision() + 1);
    List<Bson> parts = new ArrayList<>();
    parts.add(new Document("$set", changes));
    List<Document> entries = outbox.entries(job.deviceKey(), job.updatedAt(), job.events());
    if (!entries.isEmpty()) {
      parts.add(Updates.pushEach(Outbox.FIELD, entries));
    }
    return Updates.combine(parts);
  }

  private Document withOutbox(Document document, Job job) {
    List<Document> entries = outbox.entries(job.deviceKey(), job.createdAt(), job.events());
    return entries.isEmpty() ? document : document.append(Outbox.FIELD, entries);
  }
}
