package io.upgradehub.campaign.inventory;

import feign.FeignException;
import feign.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The devices of a product, from inventory-service, which owns them: streamed for planning (never
 * the whole fleet in memory), or looked up by name. Calls pass the Resilience4j retry and breaker
 * {@value InventoryClient#NAME}; a stream is retried only before its first byte.
 */
@Service
public class DeviceDirectory {

  private final InventoryClient client;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final ObjectReader lines;

  DeviceDirectory(
      InventoryClient client,
      CircuitBreakerRegistry breakers,
      RetryRegistry retries,
      JsonMapper json) {
    this.client = client;
    this.breaker = breakers.circuitBreaker(InventoryClient.NAME);
    this.retry = retries.retry(InventoryClient.NAME);
    this.lines = json.readerFor(DeviceVersion.class);
  }

  /**
   * Hands every device of a product (carrying {@code tag}, when given) to {@code each}, with its
   * version of {@code module}, in the order inventory-service streams them.
   *
   * @throws UnknownProductException when inventory-service knows no such product or module
   * @throws InventoryUnavailableException when it cannot be reached or the stream broke
   */
  public void forEach(
      String productKey, String module, @Nullable String tag, Consumer<DeviceVersion> each) {
    Response response = call(() -> open(productKey, module, tag));
    try (response;
        InputStream body = response.body().asInputStream();
        MappingIterator<DeviceVersion> devices = lines.readValues(body)) {
      while (devices.hasNextValue()) {
        each.accept(devices.nextValue());
      }
    } catch (IOException | JacksonException e) {
      throw new InventoryUnavailableException(
          "the device list of " + productKey + " broke off: " + e.getMessage(), e);
    }
  }

  /**
   * The named devices of a product with their version of {@code module}, and the names it does not
   * have.
   *
   * @throws UnknownProductException when inventory-service knows no such product or module
   * @throws InventoryUnavailableException when it cannot be reached
   */
  public Lookup lookup(String productKey, String module, List<String> deviceNames) {
    InventoryClient.LookupAnswer answer =
        call(() -> client.lookup(productKey, new InventoryClient.Lookup(module, deviceNames)));
    return new Lookup(
        answer.devices() == null ? List.of() : answer.devices(),
        answer.missing() == null ? List.of() : answer.missing());
  }

  /**
   * The named devices of a product with their version of {@code module}, after inventory-service
   * registered those it did not have with {@code version} (a transfer's devices as they are
   * accepted); devices it had keep their own version. Safe to repeat.
   *
   * @throws UnknownProductException when inventory-service knows no such product or module
   * @throws InventoryUnavailableException when it cannot be reached
   */
  public List<DeviceVersion> arrive(
      String productKey, String module, String version, List<String> deviceNames) {
    InventoryClient.LookupAnswer answer =
        call(
            () ->
                client.arrivals(
                    productKey, new InventoryClient.Arrivals(module, version, deviceNames)));
    return answer.devices() == null ? List.of() : answer.devices();
  }

  /**
   * The name of a product that has {@code module}.
   *
   * @throws UnknownProductException when inventory-service knows no such product, or the product
   *     has no such module ({@link UnknownProductException#module()})
   * @throws InventoryUnavailableException when it cannot be reached
   */
  public String productName(String productKey, String module) {
    InventoryClient.ProductAnswer product = call(() -> client.product(productKey));
    boolean hasModule =
        product.modules() != null
            && product.modules().stream().anyMatch(m -> module.equals(m.name()));
    if (!hasModule) {
      throw new UnknownProductException("product " + productKey + " has no module " + module, true);
    }
    return product.name();
  }

  /** What {@link #lookup} found. */
  public record Lookup(List<DeviceVersion> devices, List<String> missing) {}

  private Response open(String productKey, String module, @Nullable String tag) {
    Response response = client.export(productKey, module, tag);
    int status = response.status();
    if (status == 404 || status == 422) {
      response.close();
      throw new UnknownProductException(
          "inventory-service has no product " + productKey + " with module " + module);
    }
    if (status != 200 || response.body() == null) {
      response.close();
      throw new IllegalStateException("inventory-service answered the device list with " + status);
    }
    return response;
  }

  private <T> T call(Supplier<T> call) {
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
    } catch (UnknownProductException e) {
      throw e;
    } catch (FeignException e) {
      if (e.status() == 404 || e.status() == 422) {
        throw new UnknownProductException(
            "inventory-service does not know the product or module: " + e.status());
      }
      throw new InventoryUnavailableException("inventory-service cannot answer: " + e, e);
    } catch (RuntimeException e) {
      throw new InventoryUnavailableException("inventory-service cannot answer: " + e, e);
    }
  }
}
