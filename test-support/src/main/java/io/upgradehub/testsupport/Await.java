package io.upgradehub.testsupport;

import java.time.Duration;

/**
 * Waits in tests for what happens asynchronously (a Kafka event applied, a relay's publication):
 * checks a condition every 50 ms and fails when it still does not hold at the end, with the last
 * assertion error (if any) as the cause, so the failure says why rather than only that time ran
 * out.
 */
public final class Await {

  private static final Duration DEFAULT = Duration.ofSeconds(30);

  private Await() {}

  /** Waits up to 30 seconds for {@code condition}. */
  public static void until(String what, Condition condition) throws Exception {
    until(what, DEFAULT, condition);
  }

  /**
   * Waits up to {@code within} for {@code condition}.
   *
   * @throws AssertionError when it did not hold in time
   */
  public static void until(String what, Duration within, Condition condition) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    AssertionError last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (AssertionError e) {
        last = e;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what, last);
  }

  /** What {@link #until} waits for: true when it holds; an assertion error says why not yet. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }
}
