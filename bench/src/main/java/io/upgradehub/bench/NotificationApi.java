package io.upgradehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service's own API (no gateway: the webhook benchmark does not start one), as far as
 * the benchmark uses it. Any unexpected status fails with an {@link IllegalStateException} holding
 * the answer.
 */
final class NotificationApi {

  static final String[] STATUSES = {"PENDING", "DELIVERED", "RETRYING", "FAILED", "DEAD"};
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI service;

  NotificationApi(URI service) {
    this.service = service;
  }

  /**
   * A notification, enabled, of every message type, with a token the service generates.
   *
   * @return its id and its whole token
   */
  Map.Entry<String, String> create(String name, URI url) {
    JsonNode created =
        JSON.readTree(
            send(
                post(
                    "/api/v1/notifications", "{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}"),
                201));
    return Map.entry(created.path("id").asString(), created.path("token").asString());
  }

  /**
   * Associates a package with the notification, asking again while the service has not yet read the
   * package's event (422).
   *
   * @throws IllegalStateException when it is still unknown after {@code patience}
   */
  void associate(String notificationId, String productKey, String packageId, Duration patience)
      throws InterruptedException {
    HttpRequest request =
        post(
            "/api/v1/notifications/" + notificationId + "/associations",
            "{\"productKey\":\"" + productKey + "\",\"packageIds\":[\"" + packageId + "\"]}");
    long deadline = System.nanoTime() + patience.toNanos();
    HttpResponse<String> answer = send(request);
    while (answer.statusCode() == 422 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      answer = send(request);
    }
    GatewayApi.require(answer, 200);
  }

  /** The notification's records of a batch by status, every status counted. */
  Map<String, Long> records(String notificationId, String batchId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String status : STATUSES) {
      String body =
          send(
              HttpRequest.newBuilder(
                      service.resolve(
                          "/api/v1/notifications/"
                              + notificationId
                              + "/records?size=1&status="
                              + status
                              + "&batchId="
                              + batchId))
                  .GET()
                  .build(),
              200);
      counts.put(status, JSON.readTree(body).path("total").asLong());
    }
    return counts;
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(service.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private String send(HttpRequest request, int status) {
    return GatewayApi.require(send(request), status).body();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    }
  }
}
