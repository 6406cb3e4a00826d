package io.upgradehub.adapter.system;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Calls to other services through the Resilience4j retry and circuit breaker of the same name
 * (configured under {@code resilience4j.*} in application.yml): each attempt passes the breaker, so
 * an open breaker fails at once ({@code CallNotPermittedException}) and is not retried.
 */
@Component
public class ResilientCalls {

  private final CircuitBreakerRegistry breakers;
  private final RetryRegistry retries;

  ResilientCalls(CircuitBreakerRegistry breakers, RetryRegistry retries) {
    this.breakers = breakers;
    this.retries = retries;
  }

  /**
   * @param instance the Resilience4j instances' name, also the Feign client's
   * @return what {@code call} returned
   * @throws RuntimeException what the last attempt threw
   */
  public <T> T call(String instance, Supplier<T> call) {
    return Retry.decorateSupplier(
            retries.retry(instance),
            CircuitBreaker.decorateSupplier(breakers.circuitBreaker(instance), call))
        .get();
  }
}
