package io.upgradehub.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.upgradehub.adapter.AdapterFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.DeviceUpgradeRequested;
import io.upgradehub.events.devices.DeviceVersionReported;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP pull of devices without MQTT, against a real Kafka; WireMock stands in for
 * campaign-service and package-service (Feign client tests). Each test uses a device of its own.
 */
class DevicePullIntegrationTests {

  /** The test profile's device credential key (application-test.yml). */
  private static final byte[] KEY =
      Base64.getDecoder().decode("dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=");

  private static final String PRODUCT = "pull-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static EmbeddedMqtt broker;
  private static WireMockServer services;
  private static AdapterFixture adapter;

  @BeforeAll
  static void start() {
    broker = EmbeddedMqtt.start();
    services = new WireMockServer(wireMockConfig().dynamicPort());
    services.start();
    adapter = AdapterFixture.start(broker, services.baseUrl());
    adapter.registerProduct(PRODUCT, "mcu");
  }

  @AfterAll
  static void stop() {
    if (adapter != null) {
      adapter.close();
    }
    if (services != null) {
      services.stop();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void answersNoContentWhenNoJobIsOpenAndReportsTheVersion() throws Exception {
    stubNoJob("dev-idle");
    HttpResponse<String> answer = pull("dev-idle", "?module=mcu&version=0.9.1", "dev-idle");

    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    var events = adapter.reports(record -> record.key().equals(PRODUCT + "/dev-idle"), 2, TIMEOUT);
    assertThat(events).hasSize(2);
    JsonNode version = read(events.get(0));
    assertThat(version.get("type").asString()).isEqualTo(DeviceVersionReported.TYPE);
    assertThat(version.get("data").get("module").asString()).isEqualTo("mcu");
    assertThat(version.get("data").get("version").asString()).isEqualTo("0.9.1");
    JsonNode requested = read(events.get(1));
    assertThat(requested.get("type").asString()).isEqualTo(DeviceUpgradeRequested.TYPE);
    assertThat(requested.get("data").get("channel").asString())
        .isEqualTo(DeviceUpgradeRequested.CHANNEL_HTTP);
    assertThat(events.get(0).topic()).isEqualTo(DeviceTopics.DEVICE_REPORTS);
  }

  @Test
  void answersTheOpenJobAsTheUpgradeMessageWithAFreshUrl() throws Exception {
    services.stubFor(
        get(urlPathEqualTo("/internal/v1/devices/" + PRODUCT + "/dev-due/open-job"))
            .willReturn(
                okJson(
                    "{\"jobId\":\"job-9\",\"productKey\":\""
                        + PRODUCT
                        + "\",\"deviceName\":\"dev-due\",\"module\":\"default\","
                        + "\"packageId\":\"pkg-9\",\"packageType\":\"DIFF\","
                        + "\"targetVersion\":\"2.0.0\",\"size\":34,\"sha256\":\""
                        + "a".repeat(64)
                        + "\",\"md5\":\""
                        + "b".repeat(32)
                        + "\",\"signature\":\"c2ln\",\"signMethod\":\"Ed25519\","
                        + "\"at\":\"2026-11-26T10:00:00Z\"}")));
    services.stubFor(
        get(urlEqualTo("/api/v1/packages/pkg-9/download-url"))
            .willReturn(
                okJson(
                    "{\"url\":\"https://files.example.com/pkg-9?sig=1\","
                        + "\"expiresAt\":\"2030-01-01T00:00:00Z\",\"size\":34}")));

    HttpResponse<String> answer = pull("dev-due", "?version=1.0.0", "dev-due");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode upgrade = AdapterFixture.JSON.readTree(answer.body());
    assertThat(upgrade.get("jobId").asString()).isEqualTo("job-9");
    assertThat(upgrade.get("packageType").asString()).isEqualTo("DIFF");
    assertThat(upgrade.get("targetVersion").asString()).isEqualTo("2.0.0");
    assertThat(upgrade.get("url").asString()).isEqualTo("https://files.example.com/pkg-9?sig=1");
    assertThat(upgrade.get("urlExpiresAt").asLong())
        .isEqualTo(java.time.Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    assertThat(upgrade.get("id").asString()).isNotBlank();
    services.verify(
        getRequestedFor(
            urlEqualTo(
                "/internal/v1/devices/"
                    + PRODUCT
                    + "/dev-due/open-job?module=default&version=1.0.0")));
  }

  @Test
  void refusesMissingOrWrongCredentials() throws Exception {
    HttpResponse<String> none =
        adapter.get("/device/v1/" + PRODUCT + "/dev-auth/upgrade?version=1.0.0");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"upgradehub-devices\"");
    assertThat(code(none)).isEqualTo("UNAUTHENTICATED");

    HttpResponse<String> wrong =
        adapter.get(
            "/device/v1/" + PRODUCT + "/dev-auth/upgrade?version=1.0.0",
            "Authorization",
            basic(PRODUCT + "/dev-auth", "not-the-password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void refusesAnotherDevicesCredentials() throws Exception {
    HttpResponse<String> answer = pull("dev-victim", "?version=1.0.0", "dev-other");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(code(answer)).isEqualTo("FORBIDDEN");
  }

  @Test
  void refusesInvalidParametersNamingEachField() throws Exception {
    HttpResponse<String> answer = pull("dev-params", "?module=no%20spaces", "dev-params");

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode problem = AdapterFixture.JSON.readTree(answer.body());
    assertThat(problem.get("code").asString()).isEqualTo("INVALID_PARAMETER");
    assertThat(problem.get("errors").toString())
        .contains("\"field\":\"module\"", "\"code\":\"INVALID_FORMAT\"")
        .contains("\"field\":\"version\"", "\"code\":\"REQUIRED\"");
    services.verify(
        0,
        getRequestedFor(
            urlPathEqualTo("/internal/v1/devices/" + PRODUCT + "/dev-params/open-job")));
  }

  @Test
  void refusesAnUnknownProductOrModule() throws Exception {
    String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> product =
        adapter.get(
            "/device/v1/" + stranger + "/dev-1/upgrade?version=1.0.0",
            "Authorization",
            basic(stranger + "/dev-1", password(stranger + "/dev-1")));
    assertThat(product.statusCode()).isEqualTo(404);
    assertThat(code(product)).isEqualTo("DEVICE_NOT_FOUND");

    HttpResponse<String> module = pull("dev-module", "?module=wifi&version=1.0.0", "dev-module");
    assertThat(module.statusCode()).isEqualTo(422);
    assertThat(code(module)).isEqualTo("UNKNOWN_MODULE");
  }

  @Test
  void limitsTheRateOfOneDevice() throws Exception {
    stubNoJob("dev-busy");
    // 25 pulls span at most two minutes, so one minute holds more than the limit of 10
    var statuses =
        IntStream.range(0, 25)
            .mapToObj(
                i -> {
                  try {
                    return pull("dev-busy", "?version=1.0.0", "dev-busy");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    var limited = statuses.stream().filter(r -> r.statusCode() == 429).findFirst();
    assertThat(limited).isPresent();
    assertThat(code(limited.get())).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(limited.get().headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
  }

  @Test
  void answersServiceUnavailableWhenCampaignServiceFails() throws Exception {
    services.stubFor(
        get(urlPathEqualTo("/internal/v1/devices/" + PRODUCT + "/dev-down/open-job"))
            .willReturn(aResponse().withStatus(500)));

    HttpResponse<String> answer = pull("dev-down", "?version=1.0.0", "dev-down");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(code(answer)).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(answer.body()).doesNotContain("Exception", "feign");
  }

  private static void stubNoJob(String deviceName) {
    services.stubFor(
        get(urlPathEqualTo("/internal/v1/devices/" + PRODUCT + "/" + deviceName + "/open-job"))
            .willReturn(aResponse().withStatus(204)));
  }

  private static HttpResponse<String> pull(String deviceName, String query, String caller)
      throws Exception {
    return adapter.get(
        "/device/v1/" + PRODUCT + "/" + deviceName + "/upgrade" + query,
        "Authorization",
        basic(PRODUCT + "/" + caller, password(PRODUCT + "/" + caller)));
  }

  private static String code(HttpResponse<String> answer) {
    return AdapterFixture.JSON.readTree(answer.body()).get("code").asString();
  }

  /** What a manufacturing line computes for a device: the documented derivation. */
  private static String password(String identity) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac.doFinal(identity.getBytes(StandardCharsets.UTF_8)));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
