package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.inventory.DeviceDirectory;
import io.upgradehub.campaign.inventory.DeviceVersion;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.events.batches.BatchState;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creates a batch's jobs from its scope: streams the product's devices from inventory-service (or
 * looks up the named ones) a chunk at a time, never the fleet in memory, leaves out the devices it
 * must not touch, and stores each chunk's jobs in one bulk write. Planning again after a stop
 * creates no job twice: the store refuses a second open job of a device's module, and a device this
 * batch already holds is simply skipped.
 */
@Service
public class Planner {

  private static final Logger log = LoggerFactory.getLogger(Planner.class);
  static final int CHUNK = 1_000;

  /** How long a planner owns a batch's planning without storing a chunk. */
  static final java.time.Duration LEASE = java.time.Duration.ofMinutes(1);

  /**
   * How long a transfer's planning rests between decisions, unless a decision wakes it: the
   * scheduler would otherwise ask the transfer for accepted devices every tick.
   */
  static final java.time.Duration PARKED = java.time.Duration.ofHours(1);

  private final DeviceDirectory directory;
  private final TransferScope transfers;
  private final Jobs jobs;
  private final Batches batches;
  private final Clock clock;
  // stores a chunk of jobs while the planner reads the next one from inventory-service
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "batch-planner-writer");
            thread.setDaemon(true);
            return thread;
          });

  Planner(
      DeviceDirectory directory, TransferScope transfers, Jobs jobs, Batches batches, Clock clock) {
    this.directory = directory;
    this.transfers = transfers;
    this.jobs = jobs;
    this.batches = batches;
    this.clock = clock;
  }

  @PreDestroy
  void stop() {
    writer.shutdownNow();
  }

  /**
   * Plans the whole batch, unless another planner holds it.
   *
   * @return the jobs created, or -1 when another planner holds the batch
   */
  public long plan(Batch batch) {
    if (!batches.claimPlanning(batch.id(), clock.instant(), LEASE)) {
      return -1;
    }
    // a transfer's batch is planned again with every decision: its exclusions add up
    boolean again = batches.restartPlanning(batch.id(), batch.spec().kind() != BatchKind.TRANSFER);
    // numbers go on past those a planner that stopped may have used without recording them
    batch = batches.find(batch.id()).orElse(batch);
    long first = batch.progress().planSeq();
    Chunk chunk = new Chunk(batch, again ? first + CHUNK : first);
    try {
      if (batch.spec().kind() == BatchKind.TRANSFER) {
        planTransfer(batch, chunk);
      } else {
        planAll(batch.spec(), chunk);
      }
    } catch (PlanningStopped e) {
      log.info(
          "Batch {} was canceled while planned: stopped at {} job(s)", batch.id(), chunk.created);
      return chunk.created;
    } finally {
      chunk.settle();
    }
    log.info(
        "Planned batch {}: {} job(s), excluded {}", batch.id(), chunk.created, chunk.allExcluded);
    return chunk.created;
  }

  /** Streams (or looks up) the scope's devices into chunks, the last one ending planning. */
  private void planAll(BatchSpec spec, Chunk chunk) {
    if (spec.scope().type() == ScopeType.DEVICES) {
      List<String> names = spec.scope().deviceNames();
      for (int from = 0; from < names.size(); from += CHUNK) {
        List<String> part = names.subList(from, Math.min(names.size(), from + CHUNK));
        java.util.Set<String> wanted = new java.util.HashSet<>(part);
        for (DeviceVersion device :
            directory.lookup(spec.productKey(), spec.module(), part).devices()) {
          if (wanted.remove(device.deviceName())) {
            chunk.add(device);
          }
        }
        chunk.exclude(Exclusion.UNKNOWN_DEVICE, wanted.size());
        chunk.flush(false);
      }
    } else {
      String tag = spec.scope().type() == ScopeType.GROUP ? spec.scope().tag() : null;
      directory.forEach(spec.productKey(), spec.module(), tag, chunk::add);
    }
    chunk.flush(true);
  }

  /**
   * Plans the transfer's devices accepted since the last planning, a chunk at a time, each chunk
   * stored before the next is read (the transfer marks what it stored). Planning is done once no
   * device awaits review; until then it is parked, and the next decision wakes it. A decision made
   * while this runs is seen: parking and finishing both fail then, and this plans again.
   */
  private void planTransfer(Batch batch, Chunk chunk) {
    while (true) {
      long requests = batches.planRequests(batch.id());
      for (List<DeviceVersion> part = transfers.unplanned(batch, null, CHUNK);
          !part.isEmpty();
          part = transfers.unplanned(batch, part.get(part.size() - 1).deviceName(), CHUNK)) {
        Map<String, Exclusion> left = new LinkedHashMap<>();
        for (DeviceVersion device : part) {
          Exclusion why = Exclusion.of(batch.spec(), device.deviceName(), device.version());
          if (why != null) {
            left.put(device.deviceName(), why);
          }
          chunk.add(device);
        }
        chunk.flush(false);
        chunk.awaitStored().held().forEach(name -> left.put(name, Exclusion.IN_ANOTHER_BATCH));
        List<String> withJobs = new ArrayList<>(part.size());
        part.stream()
            .map(DeviceVersion::deviceName)
            .filter(name -> !left.containsKey(name))
            .forEach(withJobs::add);
        transfers.planned(batch, withJobs, left);
      }
      boolean ended =
          transfers.moreToCome(batch)
              ? batches.parkPlanning(batch.id(), requests, clock.instant().plus(PARKED))
              : batches.finishPlanning(batch.id(), requests, clock.instant());
      if (ended) {
        return;
      }
    }
  }

  /** The devices of one bulk write, and what planning has done so far. */
  private final class Chunk {

    private final Batch batch;
    private final List<DeviceVersion> devices = new ArrayList<>(CHUNK);
    private final Map<String, Long> excluded = new LinkedHashMap<>();
    private final Map<String, Long> allExcluded = new LinkedHashMap<>();
    private @Nullable Future<Stored> storing;
    private long seq;
    private long created;

    Chunk(Batch batch, long firstSeq) {
      this.batch = batch;
      this.seq = firstSeq;
    }

    void add(DeviceVersion device) {
      Exclusion why = Exclusion.of(batch.spec(), device.deviceName(), device.version());
      if (why != null) {
        exclude(why, 1);
        return;
      }
      devices.add(device);
      if (devices.size() >= CHUNK) {
        flush(false);
      }
    }

    /** After planning ended either way: no chunk may still be on its way. */
    void settle() {
      try {
        awaitStored();
      } catch (RuntimeException e) {
        // planning failed or stopped already; that is what the caller reports
      }
    }

    void exclude(Exclusion why, long n) {
      if (n > 0) {
        excluded.merge(why.name(), n, Long::sum);
        allExcluded.merge(why.name(), n, Long::sum);
      }
    }

    /**
     * Numbers the chunk's jobs here and stores them on the writer thread, which works while this
     * one reads the next chunk; at most one chunk is on its way, and the last is awaited.
     */
    void flush(boolean done) {
      BatchSpec spec = batch.spec();
      Instant now = clock.instant();
      Map<String, DeviceVersion> bySlot = new LinkedHashMap<>();
      for (DeviceVersion device : devices) {
        bySlot.put(Job.slot(spec.productKey(), device.deviceName(), spec.module()), device);
      }
      long seqBefore = seq;
      List<Job> planned = new ArrayList<>(bySlot.size());
      bySlot.values().forEach(device -> planned.add(job(device, now)));
      Map<String, Long> chunkExcluded = new LinkedHashMap<>(excluded);
      long seqAfter = seq;
      excluded.clear();
      devices.clear();
      awaitStored();
      storing = writer.submit(() -> store(planned, chunkExcluded, seqBefore, seqAfter, done, now));
      if (done) {
        awaitStored();
      }
    }

    /** What the writer stored of a chunk, and the devices another batch held. */
    private record Stored(long jobs, List<String> held) {}

    /** Stores one chunk's jobs and records it with the batch; the writer thread's part. */
    private Stored store(
        List<Job> planned,
        Map<String, Long> chunkExcluded,
        long seqBefore,
        long seqAfter,
        boolean done,
        Instant now) {
      if (batches.find(batch.id()).map(b -> b.state() == BatchState.CANCELED).orElse(true)) {
        // canceled meanwhile: no job more; planning is over
        batches.planned(batch.id(), seqBefore, 0, chunkExcluded, true, now);
        throw new PlanningStopped();
      }
      // the store refuses a device whose module another open job holds: no lookup before
      Jobs.Inserted inserted = jobs.insertPlanned(planned);
      // a device held by a job of this batch was planned before a stop: not held by another
      List<String> held = new ArrayList<>();
      for (Job job : planned) {
        String holder = inserted.holders().get(job.slot());
        if (holder != null && !holder.startsWith(batch.id() + "-")) {
          held.add(job.deviceName());
        }
      }
      if (!held.isEmpty()) {
        chunkExcluded.merge(Exclusion.IN_ANOTHER_BATCH.name(), (long) held.size(), Long::sum);
      }
      // the last chunk lets go of the planning at once: a transfer's next decision may need it
      batches.planned(
          batch.id(),
          seqAfter,
          inserted.stored(),
          chunkExcluded,
          done,
          done ? now : now.plus(LEASE));
      return new Stored(inserted.stored(), held);
    }

    /**
     * Waits for the chunk on its way, if any, and counts what it stored and found held.
     *
     * @return what it stored; nothing when no chunk was on its way
     */
    Stored awaitStored() {
      Future<Stored> pending = storing;
      storing = null;
      if (pending == null) {
        return new Stored(0, List.of());
      }
      try {
        Stored stored = pending.get();
        created += stored.jobs();
        if (!stored.held().isEmpty()) {
          allExcluded.merge(
              Exclusion.IN_ANOTHER_BATCH.name(), (long) stored.held().size(), Long::sum);
        }
        return stored;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while storing a chunk of jobs", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    private Job job(DeviceVersion device, Instant now) {
      BatchSpec spec = batch.spec();
      return Job.plan(
          batch.id(),
          seq++,
          spec.productKey(),
          device.deviceName(),
          spec.module(),
          spec.pkg().packageId(),
          spec.pkg().targetVersion(),
          device.version(),
          spec.mode() == NotificationMode.PULL,
          now);
    }
  }

  /**
   * Ends the planning of a canceled batch that no planner holds now.
   *
   * @return false when a planner holds it (it stops at its next chunk)
   */
  public boolean stopPlanning(Batch batch) {
    Instant now = clock.instant();
    if (!batches.claimPlanning(batch.id(), now, LEASE)) {
      return false;
    }
    batches.planned(batch.id(), batch.progress().planSeq(), 0, Map.of(), true, now);
    return true;
  }

  /** A batch canceled while it was planned: planning stops at the next chunk. */
  private static final class PlanningStopped extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PlanningStopped() {
      super(null, null, false, false);
    }
  }

  /** How many devices of each exclusion a set of counts holds; every exclusion present. */
  static Map<Exclusion, Long> exclusions(@Nullable Map<String, Long> counts) {
    Map<Exclusion, Long> all = new EnumMap<>(Exclusion.class);
    for (Exclusion why : Exclusion.values()) {
      all.put(why, counts == null ? 0L : counts.getOrDefault(why.name(), 0L));
    }
    return all;
  }
}
