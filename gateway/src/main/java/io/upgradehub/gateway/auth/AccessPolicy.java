package io.upgradehub.gateway.auth;

import io.upgradehub.gateway.apikey.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which paths need a key and what each role may do there. Paths are matched with the same {@link
 * PathPattern}s that select routes and handlers, so the policy sees a path exactly as routing does
 * (matrix parameters removed, percent-decoded).
 */
final class AccessPolicy {

  private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
  private static final PathPattern KEY_MANAGEMENT =
      PathPatternParser.defaultInstance.parse("/api/v1/api-keys/**");

  private AccessPolicy() {}

  /** Whether a request to {@code path} must present an API key: everything under {@code /api}. */
  static boolean requiresKey(PathContainer path) {
    return API.matches(path);
  }

  /**
   * Whether {@code path} has {@code .} or {@code ..} segments or an encoded {@code /}. Routing does
   * not resolve them but a service behind the gateway may, and then it would see another path than
   * the one this policy checked; such requests are refused instead.
   */
  static boolean isAmbiguous(PathContainer path) {
    for (PathContainer.Element element : path.elements()) {
      if (element instanceof PathContainer.PathSegment segment) {
        String value = segment.valueToMatch();
        if (value.equals(".") || value.equals("..") || value.contains("/")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code role} may send {@code method} to {@code path}. */
  static boolean permits(Role role, HttpMethod method, PathContainer path) {
    return switch (role) {
      case ADMIN -> true;
      case OPERATOR -> !KEY_MANAGEMENT.matches(path);
      case VIEWER ->
          (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
              && !KEY_MANAGEMENT.matches(path);
    };
  }

  /** Why {@code role} was refused, for the problem's detail. */
  static String denial(Role role, PathContainer path) {
    if (KEY_MANAGEMENT.matches(path)) {
      return "Only admin keys may manage API keys";
    }
    return "Role '" + role.value() + "' may only read (GET, HEAD)";
  }
}
