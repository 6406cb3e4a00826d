package io.upgradehub.campaign.dispatch;

import io.upgradehub.campaign.batch.Batch;
import io.upgradehub.campaign.batch.BatchLifecycle;
import io.upgradehub.campaign.batch.BatchSpec;
import io.upgradehub.campaign.batch.Batches;
import io.upgradehub.campaign.batch.JobWrites;
import io.upgradehub.campaign.batch.NotificationMode;
import io.upgradehub.campaign.batch.Planner;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.campaign.job.Moves;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.jobs.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Moves one batch forward, one round at a time: starts it when its time came, starts its next jobs
 * at its rate (the command through the job's outbox; a {@code PULL} job is released for its device
 * to ask), times out and retries jobs, cancels the open jobs of a canceled batch, pauses it when
 * its abort rule is crossed, and completes it when every job ended.
 *
 * <p>Safe to run on several instances: a job starts only from {@code QUEUED} on the revision it was
 * read at, so two instances never start one job, and the cursor over the batch's jobs moves only
 * after its jobs were started, so a stop in between forgets none (the next round finds them started
 * and moves on).
 */
@Service
public class Dispatcher {

  private final Batches batches;
  private final Jobs jobs;
  private final BatchLifecycle lifecycle;
  private final Planner planner;
  private final JobWrites writes;
  private final SchedulerProperties properties;
  private final Clock clock;

  Dispatcher(
      Batches batches,
      Jobs jobs,
      BatchLifecycle lifecycle,
      Planner planner,
      JobWrites writes,
      SchedulerProperties properties,
      Clock clock) {
    this.batches = batches;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.planner = planner;
    this.writes = writes;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * One round over a batch.
   *
   * @param sweep whether to look for due timeouts and retries in this round
   * @return how many jobs changed
   */
  public long round(Batch batch, boolean sweep) {
    Instant now = clock.instant();
    if (batch.state() == BatchState.SCHEDULED) {
      if (!lifecycle.start(batch)) {
        return 0;
      }
      batch = batches.find(batch.id()).orElseThrow();
    }
    if (batch.state() == BatchState.CANCELED) {
      return cancelOpenJobs(batch, now);
    }
    long changed = 0;
    if (sweep) {
      changed += sweepDue(batch, now);
      batch = batches.find(batch.id()).orElseThrow();
    }
    if (batch.state() == BatchState.RUNNING && abortRuleCrossed(batch)) {
      lifecycle.pauseForAbortRule(batch, "abort rule crossed: " + describe(batch));
      return changed;
    }
    if (batch.state() == BatchState.RUNNING) {
      if (pastEnd(batch, now)) {
        changed += cancelQueued(batch, now);
      } else {
        changed += startNext(batch, now);
      }
    }
    completeIfDone(batches.find(batch.id()).orElseThrow(), sweep);
    return changed;
  }

  /** Starts (or, for PULL, releases) the next jobs by number, as many as the rate allows now. */
  private long startNext(Batch batch, Instant now) {
    long from = batch.progress().nextSeq();
    long planned = batch.progress().planSeq();
    if (from >= planned) {
      return 0;
    }
    long window = Math.min(planned - from, properties.chunk());
    List<String> ids = new ArrayList<>((int) window);
    for (long seq = from; seq < from + window; seq++) {
      ids.add(Job.id(batch.id(), seq));
    }
    // numbers without a job (a device another batch held) and jobs started already (by another
    // instance, or before a stop) take no share of the rate
    List<Job> waiting = new ArrayList<>();
    for (Job job : jobs.findAll(ids).values()) {
      if (job.state() == JobState.QUEUED && !job.released()) {
        waiting.add(job);
      }
    }
    waiting.sort(java.util.Comparator.comparingLong(Job::seq));
    RateLimit rate = RateLimit.of(batch.spec().ratePerMinute(), properties.tick());
    RateLimit.Grant grant = rate.grant(batch.progress().rateTime(), now, waiting.size());
    Moves moves = new Moves();
    for (Job job : waiting.subList(0, (int) grant.count())) {
      moves.add(job, job.state(), begin(batch.spec(), job, now));
    }
    long saved = save(moves);
    // the cursor passes what this round started, up to the first job still waiting for the rate
    long to =
        grant.count() < waiting.size() ? waiting.get((int) grant.count()).seq() : from + window;
    if (to > from) {
      batches.advance(
          batch.id(), from, to, grant.count() > 0 ? grant.next() : batch.progress().rateTime());
    }
    return saved;
  }

  /** Starts a queued job (PUSH) or releases it for its device to ask (PULL). */
  private static JobState begin(BatchSpec spec, Job job, Instant now) {
    if (spec.mode() == NotificationMode.PULL) {
      return job.release() ? job.state() : null;
    }
    return job.start(spec.pkg(), spec::fits, spec.policy(), true, now);
  }

  /** Times out the jobs past their deadline and queues again (and starts) those due a retry. */
  private long sweepDue(Batch batch, Instant now) {
    BatchSpec spec = batch.spec();
    Moves moves = new Moves();
    for (Job job : jobs.due(batch.id(), now, properties.chunk())) {
      JobState before = job.state();
      JobState after = null;
      if (job.isRunning()) {
        after = job.timeOut(spec.policy(), now);
      } else if (job.retryPending()
          && batch.state() == BatchState.RUNNING
          && !pastEnd(batch, now)) {
        if (job.requeue(now)) {
          JobState begun = begin(spec, job, now);
          after = begun == null ? job.state() : begun;
        }
      }
      moves.add(job, before, after);
    }
    return save(moves);
  }

  /** Cancels a canceled batch's open jobs, a chunk per round; retires it when none is left. */
  private long cancelOpenJobs(Batch batch, Instant now) {
    List<Job> open = jobs.openOf(batch.id(), properties.chunk());
    if (open.isEmpty()) {
      // a planner still at work (it stops at its next chunk) would add jobs after the retirement
      if (batch.progress().planningDone() || planner.stopPlanning(batch)) {
        batches.setCounts(batch.id(), jobs.countByState(batch.id()));
        batches.retire(batch.id());
      }
      return 0;
    }
    return cancel(open, batch.reason() == null ? "the batch was canceled" : batch.reason(), now);
  }

  /** After its end time no device starts: the jobs still queued are canceled. */
  private long cancelQueued(Batch batch, Instant now) {
    List<Job> queued = new ArrayList<>();
    for (Job job : jobs.openOf(batch.id(), properties.chunk())) {
      if (job.state() == JobState.QUEUED) {
        queued.add(job);
      }
    }
    return cancel(queued, "the batch's end time passed before the device started", now);
  }

  private long cancel(List<Job> open, String why, Instant now) {
    Moves moves = new Moves();
    for (Job job : open) {
      moves.add(job, job.state(), job.cancel(why, now));
    }
    return save(moves);
  }

  /** Stores the jobs a round changed and moves their batches' counts by what was stored. */
  private long save(Moves moves) {
    return writes.save(moves).size();
  }

  /**
   * Completes a batch none of whose jobs is open. The counts say when to look; on a sweep round the
   * jobs are looked at whatever the counts say, so a count that drifted (a write lost between a job
   * and its batch) cannot keep a batch open for good.
   */
  private void completeIfDone(Batch batch, boolean sweep) {
    if (!batch.progress().planningDone()
        || batch.state().isFinal()
        || batch.state() == BatchState.SCHEDULED) {
      return;
    }
    long open =
        batch.progress().count(JobState.QUEUED)
            + batch.progress().count(JobState.NOTIFIED)
            + batch.progress().count(JobState.DOWNLOADING)
            + batch.progress().count(JobState.UPGRADING);
    if ((open > 0 && !sweep) || jobs.anyOpen(batch.id())) {
      return;
    }
    Map<JobState, Long> counts = jobs.countByState(batch.id());
    batches.setCounts(batch.id(), counts);
    if (lifecycle.complete(batch, counts)) {
      batches.retire(batch.id());
    }
  }

  private static boolean abortRuleCrossed(Batch batch) {
    if (batch.spec().abort() == null) {
      return false;
    }
    long failed =
        batch.progress().count(JobState.FAILED) + batch.progress().count(JobState.TIMED_OUT);
    long finished = failed + batch.progress().count(JobState.SUCCEEDED);
    return batch.spec().abort().crossedBy(finished, failed);
  }

  private static String describe(Batch batch) {
    long failed =
        batch.progress().count(JobState.FAILED) + batch.progress().count(JobState.TIMED_OUT);
    long finished = failed + batch.progress().count(JobState.SUCCEEDED);
    return failed
        + " of "
        + finished
        + " ended devices failed (threshold "
        + batch.spec().abort().failurePercent()
        + "% after "
        + batch.spec().abort().minFinished()
        + ")";
  }

  private static boolean pastEnd(Batch batch, Instant now) {
    return batch.spec().endAt() != null && !now.isBefore(batch.spec().endAt());
  }
}
