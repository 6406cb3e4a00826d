package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A transfer through the gateway on the real platform: campaign-service checks the product with
 * inventory-service's own API and the package from package-service's events, records the API key
 * that sent or decided it (the gateway passes it on), and a viewer key may only read it.
 */
class TransferIntegrationTests {

  @Test
  void takesInATransferAndRecordsWhichKeyDecided() {
    Api api = E2ePlatform.api();
    Campaigns campaigns = new Campaigns(E2ePlatform.platform(), api);
    String product = campaigns.registeredProduct("e2e-transfer-");
    String packageId = campaigns.uploadedPackage(product);
    String body =
        """
        {"source":"factory-7","productKey":"%s","startVersion":"%s","targetVersion":"%s",
         "deviceNames":["moved-1","moved-2"]}
        """
            .formatted(product, Campaigns.FROM, Campaigns.TARGET);

    HttpResponse<String> created = campaigns.postTransfer(body);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode transfer = Api.json(created);
    String productName =
        Api.json(api.get("/api/v1/products/" + product, E2ePlatform.ADMIN)).path("name").asString();
    assertThat(transfer.path("productName").asString()).isEqualTo(productName).isNotBlank();
    assertThat(transfer.path("packageId").asString()).isEqualTo(packageId);
    assertThat(transfer.path("createdBy").asString()).isEqualTo("e2e-admin");
    String id = transfer.path("id").asString();
    String accept = "/api/v1/transfers/" + id + "/accept";
    String one = "{\"deviceNames\":[\"moved-1\"]}";

    assertThat(api.postJson(accept, E2ePlatform.VIEWER, one).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/v1/transfers/" + id, E2ePlatform.VIEWER).statusCode()).isEqualTo(200);
    HttpResponse<String> accepted = api.postJson(accept, E2ePlatform.ADMIN, one);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(Api.json(accepted).path("counts").path("PENDING").asLong()).isEqualTo(1);
    JsonNode device =
        Api.json(
                api.get(
                    "/api/v1/transfers/" + id + "/devices?deviceName=moved-1", E2ePlatform.VIEWER))
            .path("items")
            .get(0);
    assertThat(device.path("decidedBy").asString()).isEqualTo("e2e-admin");
  }
}
