package io.upgradehub.platform.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a child JVM that runs on the same Java installation as the launcher.
 */
public final class JavaCommand {

  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> launch = new ArrayList<>();
  private final List<String> arguments = new ArrayList<>();

  private JavaCommand() {}

  /** A JVM running {@code mainClass} from {@code classpath} (a path-separator joined list). */
  public static JavaCommand mainClass(String classpath, String mainClass) {
    JavaCommand command = new JavaCommand();
    command.launch.addAll(List.of("-cp", classpath, mainClass));
    return command;
  }

  /** A JVM running an executable jar, such as a Spring Boot application. */
  public static JavaCommand jar(Path jar) {
    JavaCommand command = new JavaCommand();
    command.launch.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    return command;
  }

  /**
   * Heap bounds and a GC that suits small heaps on few cores.
   *
   * @param initial for example {@code 64m}
   * @param max for example {@code 384m}
   */
  public JavaCommand heap(String initial, String max) {
    jvmOptions.addAll(List.of("-Xms" + initial, "-Xmx" + max, "-XX:+UseSerialGC"));
    return this;
  }

  public JavaCommand systemProperty(String name, String value) {
    jvmOptions.add("-D" + name + "=" + value);
    return this;
  }

  public JavaCommand argument(String argument) {
    arguments.add(argument);
    return this;
  }

  public JavaCommand arguments(List<String> more) {
    arguments.addAll(more);
    return this;
  }

  /** The full command, starting with this JVM's own {@code java} executable. */
  public List<String> toList() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.awt.headless=true");
    command.addAll(jvmOptions);
    command.addAll(launch);
    command.addAll(arguments);
    return List.copyOf(command);
  }
}
