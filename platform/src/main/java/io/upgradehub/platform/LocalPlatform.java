package io.upgradehub.platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local run: everything on 127.0.0.1 at the usual ports, data under {@code .local/}
 * in the repository, an admin key generated on first start, demo packages uploaded. Runs until
 * Ctrl-C or SIGTERM, which stop every child process.
 *
 * <p>Options: {@code --dir <path>} (data directory), {@code --no-demo-data}, {@code --fleet <n>}
 * (simulated devices, default {@value #DEFAULT_FLEET}, or the system property {@code
 * upgradehub.fleet.devices}), {@code --no-fleet}, {@code --free-ports} (every piece on a free port,
 * none reused: for a run beside another, such as the console's browser tests). Without demo data
 * the fleet is off unless {@code --fleet} asks for it: its devices belong to the demo products.
 */
public final class LocalPlatform {

  static {
    // before any logger exists: S3Proxy and Jetty log through logback, at DEBUG unless told
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "upgradehub-platform-logback.xml");
    }
  }

  static final int DEFAULT_FLEET = 50;

  private LocalPlatform() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    Platform.Builder builder =
        Platform.builder().adminKeyFile(true).seedDemoData(true).announceStop(true);
    boolean demoData = true;
    Integer fleet = null;
    String fleetProperty = System.getProperty("upgradehub.fleet.devices");
    if (fleetProperty != null) {
      fleet = fleetSize(fleetProperty, "-Dupgradehub.fleet.devices");
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> {
          if (i + 1 >= args.length) {
            usage("--dir needs a path");
          }
          builder.directory(Path.of(args[++i]));
        }
        case "--no-demo-data" -> {
          builder.seedDemoData(false);
          demoData = false;
        }
        case "--fleet" -> {
          if (i + 1 >= args.length) {
            usage("--fleet needs a number of devices");
          }
          fleet = fleetSize(args[++i], "--fleet");
        }
        case "--no-fleet" -> fleet = 0;
        case "--free-ports" -> builder.freePorts();
        case "-h", "--help" -> {
          usage(null);
        }
        default -> usage("unknown option " + args[i]);
      }
    }
    builder.simulatedDevices(fleet != null ? fleet : demoData ? DEFAULT_FLEET : 0);
    out.println("Starting UpgradeHub (Ctrl-C stops everything) ...");
    Platform platform;
    try {
      platform = builder.start();
    } catch (RuntimeException e) {
      System.err.println();
      System.err.println("UpgradeHub did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Banner.print(platform, out);
    // the JVM's shutdown hook (registered by Platform) stops the children on Ctrl-C or SIGTERM
    new CountDownLatch(1).await();
  }

  private static int fleetSize(String value, String option) {
    try {
      int devices = Integer.parseInt(value.strip());
      if (devices >= 0 && devices <= 100_000) {
        return devices;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    usage(option + " takes a number of devices from 0 to 100000, not '" + value + "'");
    return 0;
  }

  private static void usage(String error) {
    PrintStream stream = error == null ? System.out : System.err;
    if (error != null) {
      stream.println(error);
    }
    stream.println(
        "usage: upgradehub-local [--dir <data directory>] [--no-demo-data]"
            + " [--fleet <devices> | --no-fleet] [--free-ports]");
    System.exit(error == null ? 0 : 2);
  }
}
