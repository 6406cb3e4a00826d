package io.upgradehub.campaign.batch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The devices a batch considers.
 *
 * @param deviceNames only for {@link ScopeType#DEVICES}
 * @param tag only for {@link ScopeType#GROUP}
 * @param percent only for {@link ScopeType#SHARE}: 0.1–100, one decimal
 */
public record Scope(
    ScopeType type, List<String> deviceNames, @Nullable String tag, @Nullable Double percent) {

  public Scope {
    deviceNames = List.copyOf(deviceNames);
  }

  public static Scope all() {
    return new Scope(ScopeType.ALL, List.of(), null, null);
  }

  public static Scope devices(List<String> names) {
    return new Scope(ScopeType.DEVICES, names, null, null);
  }

  /**
   * Whether a device falls in a {@link ScopeType#SHARE}: a stable hash of its name puts it in one
   * of 1000 buckets, so the same devices are chosen by a preview and by the batch, and a larger
   * share of a later batch takes the devices of a smaller one first.
   */
  public boolean includes(String deviceName) {
    if (type != ScopeType.SHARE || percent == null) {
      return true;
    }
    CRC32 crc = new CRC32();
    crc.update(deviceName.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 1000 < Math.round(percent * 10);
  }
}
