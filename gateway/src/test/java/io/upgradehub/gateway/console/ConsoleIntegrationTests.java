package io.upgradehub.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.GatewayIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The console's files as a browser gets them from the gateway, with no key. */
class ConsoleIntegrationTests extends GatewayIntegrationTest {

  @Test
  void servesTheConsolePageAtTheRootRevalidatedAndHardened() {
    String page =
        client
            .get()
            .uri("/")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
            .expectHeader()
            .valueEquals("Content-Security-Policy", ConsoleHeaders.POLICY)
            .expectHeader()
            .valueEquals("X-Frame-Options", "DENY")
            .expectHeader()
            .valueEquals("X-Content-Type-Options", "nosniff")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(page).contains("<div id=\"root\"></div>").contains("/assets/");
  }

  @Test
  void servesTheSamePageAtTheConsolesOwnPathsSoThatALinkOrAReloadWorks() {
    for (String path : new String[] {"/ota/packages", "/ota/packages/42", "/ota/transfers/tr-1"}) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isOk()
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.TEXT_HTML)
          .expectBody(String.class)
          .value(body -> assertThat(body).contains("<div id=\"root\"></div>"));
    }
  }

  @Test
  void cachesTheHashedAssetsForGood() throws IOException {
    String script = firstScript();
    client
        .get()
        .uri(script)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff");
  }

  @Test
  void leavesOtherPathsNotFound() {
    client.get().uri("/no-such-page").exchange().expectStatus().isNotFound();
    client.get().uri("/assets/no-such-file.js").exchange().expectStatus().isNotFound();
  }

  @Test
  void keepsTheApiBehindItsKey() {
    client
        .get()
        .uri("/api/v1/me")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .doesNotExist("Content-Security-Policy");
  }

  /** The entry script the built page loads, e.g. {@code /assets/index-1a2b3c.js}. */
  private static String firstScript() throws IOException {
    String index =
        new ClassPathResource(ConsoleRoutes.INDEX).getContentAsString(StandardCharsets.UTF_8);
    Matcher matcher = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
    assertThat(matcher.find()).as("the built page loads a script").isTrue();
    return matcher.group(1);
  }
}
