package io.upgradehub.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.notification.address.AddressGuard;
import io.upgradehub.notification.webhook.Notification;
import io.upgradehub.notification.webhook.Notifications;
import io.upgradehub.notification.webhook.WebhookToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt of a record and stores what came of it: delivered on a 2xx; {@code FAILED} on
 * 410 Gone (and the notification is disabled) or a refused address; otherwise {@code RETRYING} on
 * the schedule, or {@code DEAD} after the last attempt. Each notification's endpoint has its own
 * circuit breaker: while it is open, records wait without spending an attempt.
 */
@Component
class Deliverer implements DisposableBean {

  static final String ATTEMPTS = "upgradehub.notifications.attempts";
  static final String DURATION = "upgradehub.notifications.attempt.duration";

  /** What {@link #admits} says while the circuit lets every call through. */
  static final int ANY = Integer.MAX_VALUE;

  private static final String BREAKER_CONFIG = "webhook";
  private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

  private final Subscribers subscribers;
  private final Notifications notifications;
  private final DeliveryRecords records;
  private final Outcomes outcomes;
  private final CircuitBreakerRegistry breakers;
  private final WebhookClient client;
  private final RetrySchedule schedule;
  private final MeterRegistry meters;
  private final Clock clock;

  Deliverer(
      Subscribers subscribers,
      Notifications notifications,
      DeliveryRecords records,
      Outcomes outcomes,
      CircuitBreakerRegistry breakers,
      AddressGuard guard,
      DeliveryProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.subscribers = subscribers;
    this.notifications = notifications;
    this.records = records;
    this.outcomes = outcomes;
    this.breakers = breakers;
    this.client = new WebhookClient(guard, properties.requestTimeout());
    this.schedule =
        new RetrySchedule(
            properties.retrySchedule(), properties.jitter(), properties.maxRetryAfter());
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * How many records the notification's circuit lets through now: {@link #ANY} while it is closed,
   * its trial calls while it is half open, none while it is open.
   */
  int admits(String notificationId) {
    CircuitBreaker breaker = breaker(notificationId);
    return switch (breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> ANY;
      case HALF_OPEN ->
          breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState();
      case OPEN, FORCED_OPEN -> 0;
    };
  }

  /**
   * Takes the circuit's permission for one attempt; false while it is open, or half open with its
   * trial calls under way. A lane takes it before it takes a record, so a record is never spent on
   * a closed door; {@link #attempt} then uses it.
   */
  boolean tryAcquire(String notificationId) {
    return breaker(notificationId).tryAcquirePermission();
  }

  /** Gives back a permission {@link #tryAcquire} gave and no attempt used. */
  void release(String notificationId) {
    breaker(notificationId).releasePermission();
  }

  private CircuitBreaker breaker(String notificationId) {
    return breakers.circuitBreaker(notificationId, BREAKER_CONFIG);
  }

  /**
   * Attempts {@code record} with the permission {@link #tryAcquire} gave; {@code done} runs once
   * the receiver answered (or the attempt ended without one), on any thread. The outcome is stored
   * by {@link Outcomes}.
   */
  void attempt(DeliveryRecord record, Runnable done) {
    CircuitBreaker breaker = breaker(record.notificationId());
    try {
      Optional<Notification> found = subscribers.notification(record.notificationId());
      if (found.isEmpty() || !found.get().enabled()) {
        breaker.releasePermission();
        records.fail(
            record.id(),
            found.isEmpty() ? "the notification was deleted" : "the notification is disabled",
            clock.instant());
        count("not-sent");
        done.run();
        return;
      }
      Notification notification = found.get();
      byte[] body = record.body().getBytes(StandardCharsets.UTF_8);
      client.send(
          notification.url(),
          WebhookToken.key(notification.token()),
          record.id(),
          body,
          clock.instant().getEpochSecond(),
          result -> {
            try {
              store(record, notification, breaker, result);
            } catch (RuntimeException e) {
              // the store failed: the record keeps its lease, and the sweep takes it when it ends
              log.warn("Could not store the outcome of {}: {}", record.id(), e.toString());
            } finally {
              done.run();
            }
          });
    } catch (RuntimeException e) {
      breaker.releasePermission();
      log.warn("Could not attempt {}: {}", record.id(), e.toString());
      done.run();
    }
  }

  private void store(
      DeliveryRecord record,
      Notification notification,
      CircuitBreaker breaker,
      WebhookClient.Result result) {
    Instant now = clock.instant();
    long nanos = result.took().toNanos();
    meters.timer(DURATION).record(result.took());
    Integer code = result.statusCode();
    if (result.delivered()) {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      outcomes.add(record, new Attempt(DeliveryStatus.DELIVERED, now, code, null, null));
      count("delivered");
    } else if (result.refused()) {
      breaker.releasePermission();
      outcomes.add(record, new Attempt(DeliveryStatus.FAILED, now, null, result.error(), null));
      count("refused");
    } else if (code != null && code == 410) {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      String why = "the receiver answered 410 Gone at " + now;
      outcomes.add(
          record,
          new Attempt(
              DeliveryStatus.FAILED, now, code, "410 Gone: the notification was disabled", null));
      if (notifications.disable(notification.id(), why, now)) {
        log.info("Disabled notification {}: {}", notification.id(), why);
        subscribers.forget();
      }
      count("gone");
    } else {
      breaker.onError(nanos, TimeUnit.NANOSECONDS, new ReceiverFailure());
      Instant next = schedule.next(record.attempts() + 1, now, result.retryAfter());
      String error = code != null ? "HTTP " + code : result.error();
      outcomes.add(
          record,
          new Attempt(
              next == null ? DeliveryStatus.DEAD : DeliveryStatus.RETRYING,
              now,
              code,
              error,
              next));
      count(next == null ? "dead" : "retrying");
    }
  }

  private void count(String outcome) {
    meters.counter(ATTEMPTS, "outcome", outcome).increment();
  }

  @Override
  public void destroy() {
    client.close();
  }

  /** A failed attempt, as the circuit breaker counts it. */
  static final class ReceiverFailure extends RuntimeException {
    ReceiverFailure() {
      super("the receiver failed", null, false, false);
    }
  }
}
