package io.upgradehub.inventory.device;

import io.upgradehub.problems.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rule for a device's tags, the groups a campaign can target: at most {@value #MAX_TAGS}
 * distinct tags, each 1-{@value #MAX_LENGTH} of {@code A-Z a-z 0-9 _ . : -}, kept sorted.
 */
final class DeviceTags {

  static final int MAX_TAGS = 20;
  static final int MAX_LENGTH = 32;
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:-]+");

  private DeviceTags() {}

  /** Whether {@code value} is a tag by the rule above. */
  static boolean isTag(@Nullable String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= MAX_LENGTH
        && TAG.matcher(value).matches();
  }

  /**
   * Checks tags given under {@code field}, adding an error for each broken rule ({@code field}
   * {@code TOO_MANY}; {@code field[i]} {@code REQUIRED}, {@code TOO_LONG}, {@code INVALID_FORMAT}
   * or {@code DUPLICATE}).
   *
   * @param tags null for none
   * @return the tags sorted; meaningless when an error was added
   */
  static List<String> check(
      String field, @Nullable List<@Nullable String> tags, FieldErrors errors) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > MAX_TAGS) {
      errors.add(field, "TOO_MANY", "a device has at most " + MAX_TAGS + " tags");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      String at = field + "[" + i + "]";
      errors
          .requireText(at, tag, MAX_LENGTH)
          .matches(at, tag, TAG, "letters, digits, '_', '.', ':' or '-'");
      if (tag != null && !seen.add(tag)) {
        errors.add(at, "DUPLICATE", "the tag appears twice");
      }
    }
    return tags.stream().filter(tag -> tag != null).sorted().toList();
  }
}
