package io.upgradehub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions on RFC 9457 problem responses, as every service answers a caller's mistake. */
public final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /**
   * Asserts a problem response with the given status and stable code, and no trace of the server's
   * code in it; returns its body.
   */
  public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asString()).isEqualTo(code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.upgradehub");
    return problem;
  }

  /** The fields named in a problem's {@code errors}, with their codes, in order. */
  public static Map<String, String> fieldErrors(JsonNode problem) {
    Map<String, String> errors = new LinkedHashMap<>();
    problem
        .path("errors")
        .forEach(e -> errors.put(e.path("field").asString(), e.path("code").asString()));
    return errors;
  }
}
