package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import java.nio.file.Path;

/** The platform as the campaign benchmarks run it: on a Mosquitto and a MongoDB of their own. */
final class CampaignPlatform {

  private CampaignPlatform() {}

  /**
   * Starts every service in {@code directory} (its data and logs), device-adapter with receive
   * maximum 65535 (Mosquitto 2.0.11 overruns a smaller window, the ingest benchmark found) and a
   * share group and client id of the run's own; {@code campaignProperties} ({@code key=value}) are
   * campaign-service's, for experiments.
   */
  static Platform start(
      Path directory,
      MosquittoProcess broker,
      int mongoPort,
      ApiKey key,
      String heap,
      String... campaignProperties) {
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Platform.Builder builder =
        Platform.builder()
            .directory(directory)
            .freePorts()
            .port(Component.MQTT, broker.port())
            .port(Component.MONGO, mongoPort)
            .apiKey(key)
            .adminKeyFile(false)
            .seedDemoData(false)
            .serviceHeap(heap)
            .property(Component.DEVICE_ADAPTER, "upgradehub.mqtt.receive-maximum=65535")
            .property(Component.DEVICE_ADAPTER, "upgradehub.mqtt.share-group=bench-" + runId)
            .property(Component.DEVICE_ADAPTER, "upgradehub.mqtt.client-id=bench-adapter-" + runId);
    for (String property : campaignProperties) {
      builder.property(Component.CAMPAIGN_SERVICE, property);
    }
    Platform platform = builder.start();
    System.out.printf(
        "platform up in %.1f s (services at -Xmx%s, Mosquitto %s, logs in %s)%n",
        platform.startupDuration().toMillis() / 1000.0,
        heap,
        platform.mqttUri(),
        platform.logFile(Component.CAMPAIGN_SERVICE).getParent());
    return platform;
  }
}
