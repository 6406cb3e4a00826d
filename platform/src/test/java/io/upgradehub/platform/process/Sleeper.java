package io.upgradehub.platform.process;

/** A child process for tests: prints its arguments, then sleeps or exits with a code. */
public final class Sleeper {

  private Sleeper() {}

  public static void main(String[] args) throws InterruptedException {
    for (int i = 1; i < args.length; i++) {
      System.out.println(args[i]);
    }
    System.out.flush();
    if (args[0].equals("sleep")) {
      Thread.sleep(60_000);
    } else {
      System.exit(Integer.parseInt(args[0]));
    }
  }

  /** A command running this class with {@code mode} ({@code sleep} or an exit code). */
  public static JavaCommand command(String mode, String... lines) {
    JavaCommand command =
        JavaCommand.mainClass(System.getProperty("java.class.path"), Sleeper.class.getName())
            .heap("8m", "32m")
            .argument(mode);
    for (String line : lines) {
      command.argument(line);
    }
    return command;
  }
}
