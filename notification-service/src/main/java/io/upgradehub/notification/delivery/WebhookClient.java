package io.upgradehub.notification.delivery;

import io.upgradehub.notification.address.AddressGuard;
import io.upgradehub.notification.address.RefusedAddressException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sends signed messages to receivers, asynchronously. The {@link AddressGuard} is asked before
 * every request, for every redirect (followed up to {@value #MAX_REDIRECTS} times, with the same
 * POST), and by the client's resolver whenever it connects, so a name that now resolves to an
 * internal address is refused before a byte is sent. How many attempts run at once is the caller's
 * business ({@code Lanes}): the client's own limits are set out of the way.
 */
final class WebhookClient {

  static final int MAX_REDIRECTS = 3;
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String USER_AGENT = "UpgradeHub-Webhooks/1";

  private final OkHttpClient http;
  private final AddressGuard guard;

  WebhookClient(AddressGuard guard, Duration timeout) {
    this.guard = guard;
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(4096);
    dispatcher.setMaxRequestsPerHost(4096);
    this.http =
        new OkHttpClient.Builder()
            .dns(guard::lookup)
            .followRedirects(false)
            .followSslRedirects(false)
            .callTimeout(timeout)
            .connectTimeout(
                timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(256, 1, TimeUnit.MINUTES))
            .build();
  }

  /**
   * POSTs {@code body}, signed, to {@code url}; {@code done} is called once, on a client thread.
   *
   * @param key the HMAC key of the notification's token
   */
  void send(
      String url,
      byte[] key,
      String messageId,
      byte[] body,
      long timestamp,
      Consumer<Result> done) {
    new Delivery(key, messageId, body, timestamp, done).post(url, MAX_REDIRECTS, "url ");
  }

  /** One message's way to its receiver, redirects included; it ends in one call of {@code done}. */
  private final class Delivery implements Callback {
    private final byte[] key;
    private final String messageId;
    private final byte[] body;
    private final long timestamp;
    private final Consumer<Result> done;
    private final long started = System.nanoTime();
    private String url = "";
    private int redirectsLeft;

    Delivery(byte[] key, String messageId, byte[] body, long timestamp, Consumer<Result> done) {
      this.key = key;
      this.messageId = messageId;
      this.body = body;
      this.timestamp = timestamp;
      this.done = done;
    }

    /**
     * POSTs the message to {@code target} once the guard allows it.
     *
     * @param refused how a refusal's reason begins, naming what was refused
     */
    void post(String target, int redirects, String refused) {
      Optional<AddressGuard.Refusal> refusal = guard.checkTarget(target);
      if (refusal.isPresent()) {
        done.accept(Result.refused(refused + refusal.get().message(), started));
        return;
      }
      url = target;
      redirectsLeft = redirects;
      Request request =
          new Request.Builder()
              .url(target)
              .header("User-Agent", USER_AGENT)
              .header(Signature.ID, messageId)
              .header(Signature.TIMESTAMP, Long.toString(timestamp))
              .header(Signature.SIGNATURE, Signature.sign(key, messageId, timestamp, body))
              .post(RequestBody.create(body, JSON))
              .build();
      http.newCall(request).enqueue(this);
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (response) {
        int code = response.code();
        String location = response.header("Location");
        if (code >= 300 && code < 400 && location != null) {
          redirect(location);
          return;
        }
        done.accept(
            new Result(code, response.header("Retry-After"), null, false, elapsed(started)));
      }
    }

    @Override
    public void onFailure(Call call, IOException e) {
      if (e instanceof RefusedAddressException refused) {
        done.accept(Result.refused("refused when connecting: " + refused.getMessage(), started));
      } else {
        done.accept(Result.failed(describe(e), started));
      }
    }

    private void redirect(String location) {
      if (redirectsLeft == 0) {
        done.accept(Result.failed("more than " + MAX_REDIRECTS + " redirects", started));
        return;
      }
      String target;
      try {
        target = URI.create(url).resolve(location).toString();
      } catch (IllegalArgumentException e) {
        done.accept(Result.failed("redirect to an invalid location '" + location + "'", started));
        return;
      }
      post(target, redirectsLeft - 1, "redirect to " + target + " refused: url ");
    }
  }

  /** Stops the client's threads and connections. */
  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static String describe(IOException e) {
    if (e instanceof InterruptedIOException) {
      return "no answer within the request timeout";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * What came of one attempt.
   *
   * @param statusCode the receiver's status; null when there was no answer
   * @param retryAfter the receiver's {@code Retry-After}, when it sent one
   * @param error why there was no answer; null when there was one
   * @param refused whether the address guard refused the URL, a redirect or an address
   */
  record Result(
      @Nullable Integer statusCode,
      @Nullable String retryAfter,
      @Nullable String error,
      boolean refused,
      Duration took) {

    static Result failed(String error, long started) {
      return new Result(null, null, error, false, elapsed(started));
    }

    static Result refused(String error, long started) {
      return new Result(null, null, error, true, elapsed(started));
    }

    boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }
}
