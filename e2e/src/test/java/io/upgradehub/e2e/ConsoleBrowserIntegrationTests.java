package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser: the platform started by the README's run command ({@code
 * bin/upgradehub-local}, here with {@code --no-build}, as this build just made it, and on free
 * ports), then the console's browser tests ({@code console/e2e}, playwright-core driving Debian's
 * Chromium) against it. Their report and the screenshots of every tab in both languages are under
 * {@code console/target/e2e/}.
 */
class ConsoleBrowserIntegrationTests {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("UPGRADEHUB_CHROMIUM", "/usr/bin/chromium"));
  private static final Pattern CONSOLE_URL = Pattern.compile("Console / API : (http://\\S+)");
  private static final Pattern ADMIN_KEY = Pattern.compile("Admin API key : (uh_\\S+)");

  /** The one address besides public ones that webhooks may reach here: the tests' receiver. */
  private static final String WEBHOOK_RECEIVER = "127.0.0.2";

  private static Process platform;
  private static String url;
  private static String adminKey;

  @BeforeAll
  static void startPlatformWithTheReadmesRunCommand() throws Exception {
    assertThat(CHROMIUM)
        .as("Debian's Chromium (apt-get install chromium), or UPGRADEHUB_CHROMIUM naming one")
        .isExecutable();
    Path directory = Path.of("target", "console-platform").toAbsolutePath();
    deleteRecursively(directory);
    ProcessBuilder builder =
        new ProcessBuilder(
                ROOT.resolve("bin/upgradehub-local").toString(),
                "--no-build",
                "--free-ports",
                "--fleet",
                "12",
                "--dir",
                directory.toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    builder
        .environment()
        .put("UPGRADEHUB_NOTIFICATIONS_ADDRESSGUARD_ALLOWEDRANGES", WEBHOOK_RECEIVER + "/32");
    platform = builder.start();
    Path log = Files.createDirectories(directory).resolve("upgradehub-local.log");
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(
                              platform.getInputStream(), StandardCharsets.UTF_8));
                  var out = Files.newBufferedWriter(log)) {
                for (String line; (line = lines.readLine()) != null; ) {
                  out.write(line);
                  out.newLine();
                  out.flush();
                  Matcher u = CONSOLE_URL.matcher(line);
                  if (u.find()) {
                    url = u.group(1);
                  }
                  Matcher k = ADMIN_KEY.matcher(line);
                  if (k.find()) {
                    adminKey = k.group(1);
                  }
                  if (url != null && adminKey != null) {
                    ready.complete(null);
                  }
                }
                ready.completeExceptionally(
                    new IllegalStateException("the local run ended before it was ready: " + log));
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
            },
            "upgradehub-local-output");
    reader.setDaemon(true);
    reader.start();
    ready.get(6, TimeUnit.MINUTES);
  }

  @AfterAll
  static void stopPlatform() throws InterruptedException {
    if (platform != null) {
      // SIGTERM: the launcher's shutdown hook stops every child process
      platform.destroy();
      if (!platform.waitFor(90, TimeUnit.SECONDS)) {
        platform.destroyForcibly();
      }
    }
  }

  @Test
  void consoleScenariosPassInChromium() throws Exception {
    Path console = ROOT.resolve("console");
    Path report = console.resolve("target/e2e");
    Files.createDirectories(report);
    Path output = report.resolve("output.log");
    ProcessBuilder builder =
        new ProcessBuilder(List.of("npm", "run", "e2e"))
            .directory(console.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.put("UPGRADEHUB_URL", url);
    env.put("UPGRADEHUB_KEY", adminKey);
    env.put("UPGRADEHUB_CHROMIUM", CHROMIUM.toString());
    env.put("UPGRADEHUB_WEBHOOK_HOST", WEBHOOK_RECEIVER);
    Instant start = Instant.now();
    Process tests = builder.start();
    boolean ended = tests.waitFor(15, TimeUnit.MINUTES);
    if (!ended) {
      tests.descendants().forEach(ProcessHandle::destroyForcibly);
      tests.destroyForcibly();
    }
    String printed = Files.readString(output);
    System.out.println(printed);
    System.out.println("console e2e took " + Duration.between(start, Instant.now()));
    assertThat(ended).as("the console's browser tests ended within 15 minutes").isTrue();
    assertThat(tests.exitValue())
        .as("the console's browser tests passed:\n%s", tail(printed))
        .isZero();
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
