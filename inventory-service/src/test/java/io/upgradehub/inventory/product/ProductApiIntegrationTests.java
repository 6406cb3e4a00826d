package io.upgradehub.inventory.product;

import static com.mongodb.client.model.Filters.eq;
import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ProductApiIntegrationTests extends InventoryServiceIntegrationTest {

  @Test
  void createdProductHasDefaultModuleAddedAndReadsBackAsCreated() throws Exception {
    String key = uniqueKey("cam");

    HttpResponse<String> created =
        post(
            "/api/v1/products",
            """
            {"productKey":"%s","name":"  Camera X1 ","description":"outdoor camera",
             "modules":[{"name":"mcu","description":"motor controller"}]}
            """
                .formatted(key));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/products/" + key);
    JsonNode body = body(created);
    assertThat(body.path("productKey").asString()).isEqualTo(key);
    assertThat(body.path("name").asString()).isEqualTo("Camera X1");
    assertThat(body.path("description").asString()).isEqualTo("outdoor camera");
    assertThat(body.path("modules").values())
        .extracting(m -> m.path("name").asString())
        .containsExactly("default", "mcu");
    assertThat(body.path("modules").get(1).path("description").asString())
        .isEqualTo("motor controller");
    assertThat(Instant.parse(body.path("createdAt").asString())).isBeforeOrEqualTo(Instant.now());

    HttpResponse<String> detail = get("/api/v1/products/" + key);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(body(detail)).isEqualTo(body);
  }

  @Test
  void keepsAGivenDefaultModuleOnceAndInItsPlace() throws Exception {
    String key = uniqueKey("given-default");

    HttpResponse<String> created =
        post(
            "/api/v1/products",
            """
            {"productKey":"%s","name":"Lamp",
             "modules":[{"name":"mcu"},{"name":"default","description":"main firmware"}]}
            """
                .formatted(key));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode modules = body(created).path("modules");
    assertThat(modules.values())
        .extracting(m -> m.path("name").asString())
        .containsExactly("mcu", "default");
    assertThat(modules.get(1).path("description").asString()).isEqualTo("main firmware");
  }

  @Test
  void listSearchesNameCaseInsensitivelyNewestFirstWithTotalAndPages() throws Exception {
    String marker = uniqueKey("Thermo").substring(0, 20);
    for (int i = 1; i <= 3; i++) {
      createProduct(uniqueKey("t" + i), marker + " Sensor " + i);
    }
    createProduct(uniqueKey("other"), "Doorbell");

    JsonNode first =
        body(get("/api/v1/products?name=" + marker.toUpperCase() + "%20sensor&size=2"));

    assertThat(first.path("total").asLong()).isEqualTo(3);
    assertThat(first.path("page").asInt()).isZero();
    assertThat(first.path("size").asInt()).isEqualTo(2);
    assertThat(first.path("items").values())
        .extracting(item -> item.path("name").asString())
        .containsExactly(marker + " Sensor 3", marker + " Sensor 2");
    JsonNode second = body(get("/api/v1/products?name=" + marker.toLowerCase() + "&page=1&size=2"));
    assertThat(second.path("total").asLong()).isEqualTo(3);
    assertThat(second.path("items").values())
        .extracting(item -> item.path("name").asString())
        .containsExactly(marker + " Sensor 1");
  }

  @Test
  void listWithoutFilterCountsEveryProduct() throws Exception {
    createProduct(uniqueKey("any"), "Any product");

    JsonNode page = body(get("/api/v1/products"));

    assertThat(page.path("total").asLong()).isEqualTo(productCollection.countDocuments());
    assertThat(page.path("size").asInt()).isEqualTo(20);
    assertThat(page.path("items").size()).isBetween(1, 20);
  }

  @Test
  void refusesASecondProductWithTheSameKeyAndKeepsTheFirst() throws Exception {
    String key = uniqueKey("dup");
    createProduct(key, "First");

    HttpResponse<String> second =
        post("/api/v1/products", "{\"productKey\":\"%s\",\"name\":\"Second\"}".formatted(key));

    assertProblem(second, 409, "PRODUCT_ALREADY_EXISTS");
    assertThat(body(get("/api/v1/products/" + key)).path("name").asString()).isEqualTo("First");
  }

  @Test
  void answersNotFoundForAnUnknownProduct() throws Exception {
    JsonNode problem =
        assertProblem(get("/api/v1/products/no-such-product"), 404, "PRODUCT_NOT_FOUND");

    assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/products/no-such-product");
  }

  static Stream<Arguments> invalidProducts() {
    String longText = "x".repeat(65);
    return Stream.of(
        Arguments.of("{\"name\":\"n\"}", "productKey", "REQUIRED"),
        Arguments.of("{\"productKey\":\"KEY!\",\"name\":\"n\"}", "productKey", "INVALID_FORMAT"),
        Arguments.of("{\"productKey\":\"a b\",\"name\":\"n\"}", "productKey", "INVALID_FORMAT"),
        Arguments.of(
            "{\"productKey\":\"" + longText + "\",\"name\":\"n\"}", "productKey", "TOO_LONG"),
        Arguments.of("{\"productKey\":\"KEY\"}", "name", "REQUIRED"),
        Arguments.of("{\"productKey\":\"KEY\",\"name\":\"   \"}", "name", "REQUIRED"),
        Arguments.of("{\"productKey\":\"KEY\",\"name\":\"" + longText + "\"}", "name", "TOO_LONG"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"description\":\"" + "d".repeat(1001) + "\"}",
            "description",
            "TOO_LONG"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"modules\":[{\"description\":\"d\"}]}",
            "modules[0].name",
            "REQUIRED"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"modules\":[{\"name\":\"m.1\"}]}",
            "modules[0].name",
            "INVALID_FORMAT"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"modules\":[{\"name\":\""
                + "m".repeat(33)
                + "\"}]}",
            "modules[0].name",
            "TOO_LONG"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"modules\":[{\"name\":\"mcu\",\"description\":\""
                + "d".repeat(257)
                + "\"}]}",
            "modules[0].description",
            "TOO_LONG"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"modules\":[{\"name\":\"mcu\"},{\"name\":\"mcu\"}]}",
            "modules[1].name",
            "DUPLICATE"),
        Arguments.of(
            "{\"productKey\":\"KEY\",\"name\":\"n\",\"modules\":[null]}",
            "modules[0]",
            "REQUIRED"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("invalidProducts")
  void rejectsAnInvalidFieldWithItsCodeAndStoresNothing(String template, String field, String code)
      throws Exception {
    String key = uniqueKey("bad");
    long before = productCollection.countDocuments();

    HttpResponse<String> response = post("/api/v1/products", template.replace("KEY", key));

    JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(problem)).containsEntry(field, code);
    assertThat(productCollection.countDocuments(eq("_id", key))).isZero();
    assertThat(productCollection.countDocuments()).isEqualTo(before);
  }

  @Test
  void refusesMoreThan32Modules() throws Exception {
    StringBuilder modules = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      modules.append(i == 0 ? "" : ",").append("{\"name\":\"m").append(i).append("\"}");
    }
    String key = uniqueKey("many");

    HttpResponse<String> response =
        post(
            "/api/v1/products",
            "{\"productKey\":\"%s\",\"name\":\"n\",\"modules\":[%s]}".formatted(key, modules));

    assertThat(fieldErrors(assertProblem(response, 400, "VALIDATION_FAILED")))
        .containsEntry("modules", "TOO_MANY");
    assertThat(productCollection.countDocuments(eq("_id", key))).isZero();
  }

  @Test
  void reportsEveryInvalidFieldAtOnce() throws Exception {
    HttpResponse<String> response =
        post("/api/v1/products", "{\"productKey\":\"a/b\",\"modules\":[{\"name\":\"\"}]}");

    assertThat(fieldErrors(assertProblem(response, 400, "VALIDATION_FAILED")))
        .containsOnlyKeys("productKey", "name", "modules[0].name");
  }

  @Test
  void answersMalformedRequestNamingAFieldOfTheWrongType() throws Exception {
    long before = productCollection.countDocuments();

    HttpResponse<String> response =
        post("/api/v1/products", "{\"productKey\":\"k\",\"name\":\"n\",\"modules\":\"mcu\"}");

    JsonNode problem = assertProblem(response, 400, "MALFORMED_REQUEST");
    assertThat(fieldErrors(problem)).containsKey("modules");
    assertThat(productCollection.countDocuments()).isEqualTo(before);
  }

  @Test
  void answersMalformedRequestForABodyThatIsNotJson() throws Exception {
    assertProblem(post("/api/v1/products", "{not json"), 400, "MALFORMED_REQUEST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"page=-1", "size=0", "size=101", "page=abc", "size=x"})
  void rejectsBadPagingAsAnInvalidParameter(String query) throws Exception {
    JsonNode problem = assertProblem(get("/api/v1/products?" + query), 400, "INVALID_PARAMETER");

    assertThat(fieldErrors(problem)).containsKey(query.substring(0, query.indexOf('=')));
  }
}
