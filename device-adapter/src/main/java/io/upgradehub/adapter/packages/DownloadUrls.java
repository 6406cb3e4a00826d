package io.upgradehub.adapter.packages;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.upgradehub.adapter.system.ResilientCalls;
import io.upgradehub.events.devices.DeviceCommandFailed;
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

  DownloadUrls(PackageServiceClient client, ResilientCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /**
   * A fresh presigned URL of the package's file.
   *
   * @throws DownloadUrlUnavailableException with {@link DeviceCommandFailed#PACKAGE_NOT_FOUND} when
   *     package-service has no such package, {@link
   *     DeviceCommandFailed#PACKAGE_SERVICE_UNAVAILABLE} when it could not answer after the retries
   *     or the breaker is open
   */
  public DownloadUrl urlFor(String packageId) {
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
