package io.upgradehub.campaign.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** What the transfer tests share: a product that inventory-service knows, and requests. */
abstract class TransferIntegrationTest extends CampaignServiceIntegrationTest {

  static final String OPERATOR = "ops-key";

  /** Makes inventory-service's stand-in know the product, named {@code name}, with its modules. */
  protected void product(String productKey, String name, String... modules) {
    String moduleList =
        List.of(modules).stream()
            .map(m -> "{\"name\":\"" + m + "\"}")
            .collect(Collectors.joining(","));
    INVENTORY.stubFor(
        WireMock.get(WireMock.urlPathEqualTo("/api/v1/products/" + productKey))
            .willReturn(
                WireMock.aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"productKey\":\"%s\",\"name\":\"%s\",\"modules\":[%s],\"createdAt\":\"2026-11-01T00:00:00Z\"}"
                            .formatted(productKey, name, moduleList))));
  }

  /**
   * Makes inventory-service's stand-in answer arrivals of the product's devices with these versions
   * (as it would after registering the absent ones with the start version).
   */
  protected void arrivals(String productKey, Map<String, String> versions) {
    String devices =
        versions.entrySet().stream()
            .map(
                d ->
                    "{\"deviceName\":\"%s\",\"version\":\"%s\"}"
                        .formatted(d.getKey(), d.getValue()))
            .collect(Collectors.joining(","));
    INVENTORY.stubFor(
        WireMock.post(
                WireMock.urlPathEqualTo(
                    "/internal/v1/products/" + productKey + "/devices/arrivals"))
            .willReturn(
                WireMock.aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"devices\":[" + devices + "],\"missing\":[]}")));
  }

  /** The names of the devices inventory-service was asked to take in for the product. */
  protected List<String> arrived(String productKey) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    for (var request :
        INVENTORY.findAll(
            WireMock.postRequestedFor(
                WireMock.urlPathEqualTo(
                    "/internal/v1/products/" + productKey + "/devices/arrivals")))) {
      json.readTree(request.getBodyAsString())
          .path("deviceNames")
          .forEach(name -> names.add(name.asString()));
    }
    return names;
  }

  /**
   * A product no other test uses ({@code prefix}-…, named {@code name}, module {@code default}),
   * known to inventory-service's stand-in, with an enabled FULL package to 2.0.
   *
   * @return the product key
   */
  protected String productWithPackage(String prefix, String name) throws Exception {
    String productKey = uniqueKey(prefix);
    product(productKey, name, "default");
    packageOf(productKey, "FULL", "2.0", List.of());
    return productKey;
  }

  /** A transfer request's body: {@code devices} named in a JSON list. */
  protected static String transfer(
      String productKey, String start, String target, List<String> devices) {
    return """
        {"source":"factory-7","productKey":"%s","startVersion":"%s","targetVersion":"%s",
         "deviceNames":[%s]}
        """
        .formatted(productKey, start, target, names(devices));
  }

  protected static String names(List<String> devices) {
    return devices.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
  }

  /** A POST as the gateway forwards it for the operator's API key. */
  protected HttpResponse<String> postAs(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header(TransferController.PRINCIPAL, OPERATOR)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Creates a transfer, asserting it was taken in, and returns it. */
  protected JsonNode created(String body) throws Exception {
    HttpResponse<String> response = postAs("/api/v1/transfers", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return body(response);
  }

  /** Takes in a transfer of {@code devices} from 1.0 to 2.0 of the product, and returns its id. */
  protected String transferId(String productKey, List<String> devices) throws Exception {
    return created(transfer(productKey, "1.0", "2.0", devices)).path("id").asString();
  }

  /** A transfer's counts by device state, as answered. */
  protected static Map<String, Long> counts(JsonNode transfer) {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    transfer
        .path("counts")
        .properties()
        .forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  /** How many transfers of the product are listed. */
  protected long listed(String productKey) throws Exception {
    return body(get("/api/v1/transfers?productKey=" + productKey)).path("total").asLong();
  }
}
