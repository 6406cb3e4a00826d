package io.upgradehub.platform;

import java.io.PrintStream;
import java.nio.file.Path;

/** What the local run prints once everything is up: where the API is and which key to use. */
final class Banner {

  private static final String RULE = "=".repeat(78);

  private Banner() {}

  static void print(Platform platform, PrintStream out) {
    String api = "http://localhost:" + platform.port(Component.GATEWAY);
    Path cwd = Path.of("").toAbsolutePath();
    Path keyFile = relative(cwd, platform.adminKeyFile());
    out.println();
    out.println(RULE);
    out.printf(
        "  UpgradeHub is running (ready in %.1f s)%n", platform.startupDuration().toMillis() / 1e3);
    out.println();
    out.println("  Console / API : " + api);
    platform
        .generatedAdminKey()
        .ifPresentOrElse(
            key -> {
              out.println("  Admin API key : " + key.key());
              out.println();
              out.println(
                  "  >>> Copy the key now: it is shown only this once. Only its SHA-256 is");
              out.println("  >>> kept, in " + keyFile + " (delete that file to rotate the key).");
              out.println();
              out.println("  Try it:");
              out.println(
                  "    curl -H 'Authorization: Bearer "
                      + key.key()
                      + "' "
                      + api
                      + "/api/v1/packages");
            },
            () -> {
              out.println("  Admin API key : shown on first start; only its SHA-256 is kept in");
              out.println(
                  "                  "
                      + keyFile
                      + " (delete that file and restart to get a new key)");
              out.println();
              out.println("  Try it:");
              out.println(
                  "    curl -H \"Authorization: Bearer $UPGRADEHUB_KEY\" "
                      + api
                      + "/api/v1/packages");
            });
    out.println();
    out.println("  Logs          : " + relative(cwd, platform.directory().resolve("logs")));
    out.println("  Stop          : Ctrl-C");
    out.println(RULE);
    out.flush();
  }

  private static Path relative(Path cwd, Path path) {
    Path absolute = path.toAbsolutePath();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
  }
}
