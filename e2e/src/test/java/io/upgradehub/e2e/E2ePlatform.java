package io.upgradehub.e2e;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import java.nio.file.Path;

/**
 * One platform for every end-to-end test class of this JVM: the real service jars as child JVMs, a
 * real Kafka broker JVM, an S3 server and a MongoDB-protocol server, on free ports in a directory
 * under {@code target/}. Started on first use; {@link Platform}'s own shutdown hook stops it when
 * the test JVM exits. Each test makes its own data, so sharing it keeps the run fast.
 */
final class E2ePlatform {

  static final ApiKey ADMIN = ApiKey.generate("e2e-admin", "admin");
  static final ApiKey VIEWER = ApiKey.generate("e2e-viewer", "viewer");

  /** Where webhook receivers listen: allowed to notification-service, unlike 127.0.0.1. */
  static final String WEBHOOK_RECEIVER = "127.0.0.2";

  private static Platform platform;
  private static Api api;

  private E2ePlatform() {}

  static synchronized Platform platform() {
    if (platform == null) {
      Path directory =
          Path.of("target", "e2e-platform", "run-" + System.currentTimeMillis()).toAbsolutePath();
      platform =
          Platform.builder()
              .directory(directory)
              .freePorts()
              .apiKey(ADMIN)
              .apiKey(VIEWER)
              // the webhook tests' receiver: the one internal address notification-service may
              // reach
              .property(
                  Component.NOTIFICATION_SERVICE,
                  "upgradehub.notifications.address-guard.allowed-ranges="
                      + WEBHOOK_RECEIVER
                      + "/32")
              .start();
      System.out.println("platform ready in " + platform.startupDuration());
      api = new Api(platform.gatewayUrl());
    }
    return platform;
  }

  static synchronized Api api() {
    platform();
    return api;
  }
}
