package io.upgradehub.campaign.system;

import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the optional query parameters of this service's lists. */
public final class QueryParameters {

  private QueryParameters() {}

  /**
   * The constant of {@code type} that {@code value} names, in any case; null when it is absent or
   * blank.
   *
   * @throws io.upgradehub.problems.ApiException {@code INVALID_PARAMETER} naming the parameter and
   *     the values it may take
   */
  public static <E extends Enum<E>> @Nullable E choice(
      String parameter, @Nullable String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      new FieldErrors()
          .add(
              parameter,
              "INVALID_VALUE",
              "must be one of " + Arrays.toString(type.getEnumConstants()))
          .throwIfAny(CommonError.INVALID_PARAMETER);
      return null;
    }
  }

  /** The text, trimmed; null when it is absent or blank. */
  public static @Nullable String text(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
