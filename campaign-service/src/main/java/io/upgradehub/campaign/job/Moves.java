package io.upgradehub.campaign.job;

import io.upgradehub.events.jobs.JobState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs a round changed, with the state each left and entered, so that a batch's counts move by
 * exactly the changes that were stored: a job another instance changed first is not counted here.
 */
public final class Moves {

  private final Map<String, JobState[]> moves = new LinkedHashMap<>();
  private final Map<String, Map<String, Job>> byBatch = new LinkedHashMap<>();

  /** Records a change of {@code job} from {@code before}; ignores a null {@code after}. */
  public void add(Job job, JobState before, JobState after) {
    if (after == null) {
      return;
    }
    moves.put(job.id(), new JobState[] {before, after});
    byBatch.computeIfAbsent(job.batchId(), b -> new LinkedHashMap<>()).put(job.id(), job);
  }

  public List<Job> jobs() {
    List<Job> all = new ArrayList<>();
    byBatch.values().forEach(m -> all.addAll(m.values()));
    return all;
  }

  public boolean isEmpty() {
    return moves.isEmpty();
  }

  /** Per batch, how its counts move for the jobs that were {@code saved}. */
  public Map<String, Map<JobState, Long>> deltas(Set<String> saved) {
    Map<String, Map<JobState, Long>> deltas = new LinkedHashMap<>();
    byBatch.forEach(
        (batchId, jobs) -> {
          Map<JobState, Long> batch = new EnumMap<>(JobState.class);
          for (String id : jobs.keySet()) {
            JobState[] move = moves.get(id);
            if (saved.contains(id) && move[0] != move[1]) {
              batch.merge(move[0], -1L, Long::sum);
              batch.merge(move[1], 1L, Long::sum);
            }
          }
          if (!batch.isEmpty()) {
            deltas.put(batchId, batch);
          }
        });
    return deltas;
  }
}
