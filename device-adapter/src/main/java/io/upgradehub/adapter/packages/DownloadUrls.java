package io.upgradehub.adapter.packages;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.upgradehub.adapter.system.ResilientCalls;
import io.upgradehub.events.devices.DeviceCommandFailed;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Presigned download URLs from package-service, behind a Resilience4j retry and circuit breaker
 * (instances {@value PackageServiceClient#NAME} in application.yml): a few quick retries absorb a
 * blip; while package-service keeps failing the breaker opens and commands fail at once, clearly,
 * instead of each waiting out its timeouts. A 4xx answer is the caller's problem, never retried and
 * never counted against package-service's health.
 */
@Service
public class DownloadUrls {

  private final PackageServiceClient client;
  private final ResilientCalls calls;
  private final DownloadUrlProperties properties;
  private final Clock clock;
  private final Map<String, Fetched> recent = new ConcurrentHashMap<>();

  DownloadUrls(
      PackageServiceClient client,
      ResilientCalls calls,
      DownloadUrlProperties properties,
      Clock clock) {
    this.client = client;
    this.calls = calls;
    this.properties = properties;
    this.clock = clock;
  }

  /** A URL and when it was fetched. */
  private record Fetched(DownloadUrl url, Instant at) {}

  /**
   * A presigned URL of the package's file: fetched within the last {@code reuse} and valid for at
   * least {@code minValidity} more, or fresh.
   *
   * @throws DownloadUrlUnavailableException with {@link DeviceCommandFailed#PACKAGE_NOT_FOUND} when
   *     package-service has no such package, {@link
   *     DeviceCommandFailed#PACKAGE_SERVICE_UNAVAILABLE} when it could not answer after the retries
   *     or the breaker is open
   */
  public DownloadUrl urlFor(String packageId) {
    Instant now = clock.instant();
    Fetched shared = recent.get(packageId);
    if (shared != null
        && shared.at().plus(properties.reuse()).isAfter(now)
        && !shared.url().expiresAt().isBefore(now.plus(properties.minValidity()))) {
      return shared.url();
    }
    DownloadUrl fresh = fetch(packageId);
    if (!properties.reuse().isZero()) {
      recent.put(packageId, new Fetched(fresh, now));
    }
    return fresh;
  }

  private DownloadUrl fetch(String packageId) {
    try {
      PackageServiceClient.DownloadUrlResponse answer =
          calls.call(PackageServiceClient.NAME, () -> client.downloadUrl(packageId));
      if (answer == null || answer.url() == null || answer.expiresAt() == null) {
        throw unavailable("package-service answered without a URL", null);
      }
      return new DownloadUrl(answer.url(), answer.expiresAt());
    } catch (FeignException.NotFound e) {
      throw new DownloadUrlUnavailableException(
          DeviceCommandFailed.PACKAGE_NOT_FOUND, "package-service has no package " + packageId, e);
    } catch (CallNotPermittedException e) {
      throw unavailable("package-service's circuit breaker is open", e);
    } catch (FeignException e) {
      // a status below 0 is Feign's way of saying there was no answer at all
      throw unavailable(
          e.status() < 0
              ? "package-service is unreachable: " + e.getClass().getSimpleName()
              : "package-service answered " + e.status(),
          e);
    } catch (DownloadUrlUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unavailable("package-service is unreachable: " + e.getClass().getSimpleName(), e);
    }
  }

  private static DownloadUrlUnavailableException unavailable(String message, Throwable cause) {
    return new DownloadUrlUnavailableException(
        DeviceCommandFailed.PACKAGE_SERVICE_UNAVAILABLE, message, cause);
  }
}
