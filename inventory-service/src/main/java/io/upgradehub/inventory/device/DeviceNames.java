package io.upgradehub.inventory.device;

import io.upgradehub.problems.FieldErrors;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rule for the device names an internal request names devices by: 1-{@value #MAX} of them, each
 * a registration's {@code deviceName}; a name given twice counts once.
 */
final class DeviceNames {

  /** Names one request gives at most: one read of their ids stays small and fast. */
  static final int MAX = 1000;

  private DeviceNames() {}

  /**
   * Checks the names given under {@code field}, adding an error for each broken rule ({@code field}
   * {@code REQUIRED} when absent or empty, or {@code TOO_MANY}; {@code field[i]} {@code REQUIRED},
   * {@code TOO_LONG} or {@code INVALID_FORMAT}).
   *
   * @return the names distinct, in the order first given; meaningless when an error was added
   */
  static List<String> check(
      String field, @Nullable List<@Nullable String> names, FieldErrors errors) {
    if (names == null || names.isEmpty()) {
      errors.add(field, "REQUIRED", "name 1-" + MAX + " devices");
      return List.of();
    }
    if (names.size() > MAX) {
      errors.add(field, "TOO_MANY", "at most " + MAX + " devices a request");
      return List.of();
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String at = field + "[" + i + "]";
      errors
          .requireText(at, name, NewDeviceRequest.MAX_NAME)
          .matches(at, name, NewDeviceRequest.NAME, "letters, digits, '.', '_' or '-'");
      if (name != null) {
        distinct.add(name);
      }
    }
    return List.copyOf(distinct);
  }
}
