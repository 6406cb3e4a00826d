package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Products and devices end to end: the real inventory-service jar behind the real gateway. */
class InventoryIntegrationTests {

  private static Api api;

  @BeforeAll
  static void startPlatform() {
    api = E2ePlatform.api();
  }

  @Test
  void registersAProductAndItsDevicesAndFindsThemThroughTheGateway() {
    String product = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> created =
        api.postJson(
            "/api/v1/products",
            E2ePlatform.ADMIN,
            "{\"productKey\":\""
                + product
                + "\",\"name\":\"E2E camera\","
                + "\"modules\":[{\"name\":\"mcu\"}]}");
    HttpResponse<String> device =
        api.postJson(
            "/api/v1/products/" + product + "/devices",
            E2ePlatform.ADMIN,
            "{\"deviceName\":\"cam-001\",\"versions\":{\"default\":\"1.0.0\",\"mcu\":\"0.9\"}}");
    api.postJson(
        "/api/v1/products/" + product + "/devices",
        E2ePlatform.ADMIN,
        "{\"deviceName\":\"door-001\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Api.json(created).path("modules").values())
        .extracting(module -> module.path("name").asString())
        .contains("default", "mcu");
    assertThat(device.statusCode()).as(device.body()).isEqualTo(201);
    JsonNode found =
        Api.json(api.get("/api/v1/products/" + product + "/devices?name=CAM", E2ePlatform.VIEWER));
    assertThat(found.path("total").asLong()).isEqualTo(1);
    JsonNode camera = found.path("items").get(0);
    assertThat(camera.path("deviceName").asString()).isEqualTo("cam-001");
    assertThat(camera.path("moduleFirmwareVersion").asString()).isEqualTo("1.0.0");
    assertThat(camera.path("mcuVersion").asString()).isEqualTo("0.9");
  }

  @Test
  void viewerMayReadProductsButNotCreateThem() {
    HttpResponse<String> refused =
        api.postJson(
            "/api/v1/products",
            E2ePlatform.VIEWER,
            "{\"productKey\":\"viewer-made\",\"name\":\"nope\"}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Api.json(refused).path("code").asString()).isEqualTo("ACCESS_DENIED");
    assertThat(api.get("/api/v1/products/viewer-made", E2ePlatform.ADMIN).statusCode())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/products?page=0&size=5", E2ePlatform.VIEWER).statusCode())
        .isEqualTo(200);
  }

  @Test
  void unknownProductIsAProblemFromTheServiceNotTheGateway() {
    HttpResponse<String> response =
        api.get("/api/v1/products/no-such-product/devices", E2ePlatform.ADMIN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Api.json(response).path("code").asString()).isEqualTo("PRODUCT_NOT_FOUND");
  }
}
