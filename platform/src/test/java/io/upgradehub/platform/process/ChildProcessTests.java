package io.upgradehub.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTests {

  @TempDir Path dir;

  @Test
  void writesTheChildsOutputToItsLogAndKeepsThePreviousOne() throws Exception {
    Path log = dir.resolve("logs/child.log");
    Files.createDirectories(log.getParent());
    Files.writeString(log, "previous run\n");

    try (ChildProcess child =
        ChildProcess.start("child", Sleeper.command("sleep", "hello").toList(), dir, log)) {
      awaitLogContains(log, "hello");
    }

    assertThat(log.resolveSibling("child.log.1")).hasContent("previous run");
  }

  @Test
  void stopsTheChildOnClose() throws Exception {
    ChildProcess child =
        ChildProcess.start(
            "child", Sleeper.command("sleep", "up").toList(), dir, dir.resolve("c.log"));
    awaitLogContains(dir.resolve("c.log"), "up");

    child.close();

    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void killsTheChildAtOnceWithoutReportingItAsUnexpected() throws Exception {
    CompletableFuture<Integer> unexpected = new CompletableFuture<>();
    ChildProcess child =
        ChildProcess.start(
            "child", Sleeper.command("sleep", "up").toList(), dir, dir.resolve("c.log"));
    child.onUnexpectedExit(unexpected::complete);
    awaitLogContains(dir.resolve("c.log"), "up");

    long begin = System.nanoTime();
    child.kill();

    assertThat(child.isAlive()).isFalse();
    // no grace period: a SIGTERM that the child ignored would have taken 20 s
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
    Thread.sleep(200);
    assertThat(unexpected).isNotDone();
    child.kill(); // a second kill is harmless
  }

  @Test
  void reportsAnExitThatNobodyAskedFor() throws Exception {
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    try (ChildProcess child =
        ChildProcess.start("child", Sleeper.command("7").toList(), dir, dir.resolve("c.log"))) {
      child.onUnexpectedExit(exitCode::complete);

      assertThat(exitCode.get(30, TimeUnit.SECONDS)).isEqualTo(7);
    }
  }

  @Test
  void runsACommandToCompletionAndReturnsItsExitCode() {
    int exit =
        ChildProcess.run(
            "child",
            Sleeper.command("3", "done").toList(),
            dir,
            dir.resolve("run.log"),
            Duration.ofSeconds(30));

    assertThat(exit).isEqualTo(3);
    assertThat(ChildProcess.tail(dir.resolve("run.log"), 5)).isEqualTo("done");
  }

  @Test
  void tailsTheLastLinesOfALog() throws Exception {
    Path log = dir.resolve("tail.log");
    Files.writeString(log, "1\n2\n3\n4\n");

    assertThat(ChildProcess.tail(log, 2)).isEqualTo("3" + System.lineSeparator() + "4");
    assertThat(ChildProcess.tail(dir.resolve("missing.log"), 2)).isEmpty();
  }

  static void awaitLogContains(Path log, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(log + " never contained " + text);
  }
}
