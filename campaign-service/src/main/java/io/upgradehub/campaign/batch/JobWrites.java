package io.upgradehub.campaign.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.campaign.job.Moves;
import io.upgradehub.events.jobs.JobState;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Stores the jobs a round changed and moves their batches' counts by exactly what was stored;
 * counts the states entered ({@code upgradehub.campaign.jobs.entered{state}}).
 */
@Service
public class JobWrites {

  private final Jobs jobs;
  private final Batches batches;
  private final Map<JobState, Counter> entered = new EnumMap<>(JobState.class);

  JobWrites(Jobs jobs, Batches batches, MeterRegistry meters) {
    this.jobs = jobs;
    this.batches = batches;
    for (JobState state : JobState.values()) {
      entered.put(
          state,
          Counter.builder("upgradehub.campaign.jobs.entered")
              .description("Job state changes stored, by the state entered")
              .tag("state", state.name())
              .register(meters));
    }
  }

  /**
   * @return the ids of the jobs stored; the others were changed by another writer meanwhile
   */
  public Set<String> save(Moves moves) {
    if (moves.isEmpty()) {
      return Set.of();
    }
    Set<String> saved = jobs.saveAll(moves.jobs());
    moves
        .deltas(saved)
        .forEach(
            (batchId, deltas) -> {
              batches.addCounts(batchId, deltas);
              deltas.forEach(
                  (state, n) -> {
                    if (n > 0) {
                      entered.get(state).increment(n);
                    }
                  });
            });
    return saved;
  }
}
