package io.upgradehub.gateway.requestid;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request id every request and response carries in {@value #HEADER}: a well-formed incoming one
 * is kept so a caller can correlate across systems, anything else is replaced by a UUID.
 */
public final class RequestId {

  /** The header in both directions, and towards the services. */
  public static final String HEADER = "X-Request-Id";

  /** The exchange attribute holding the id for the rest of the gateway. */
  public static final String ATTRIBUTE = RequestId.class.getName();

  /** Reactor context key holding the id, for reactive code that has no exchange at hand. */
  public static final String CONTEXT_KEY = "requestId";

  static final int MAX_LENGTH = 128;

  // a closed alphabet keeps ids safe to log and to copy into headers of other systems
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private RequestId() {}

  /** Whether {@code candidate} may be kept as it came: 1 to 128 of {@code [A-Za-z0-9._-]}. */
  static boolean isWellFormed(String candidate) {
    return candidate != null && WELL_FORMED.matcher(candidate).matches();
  }

  /** {@code candidate} when well-formed, else a new random UUID. */
  static String keepOrGenerate(String candidate) {
    return isWellFormed(candidate) ? candidate : UUID.randomUUID().toString();
  }

  /**
   * The id of this exchange, or {@code null} when the request id filter has not run (which only
   * happens for errors raised before the filter chain).
   */
  public static String of(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }
}
