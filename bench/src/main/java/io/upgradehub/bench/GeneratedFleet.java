package io.upgradehub.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A CSV device import generated as it is read, never held whole: the header {@code
 * deviceName,default,mcu}, then {@code count} devices {@code dev-0000000...} whose firmware ({@code
 * default}) versions are spread over {@link #FIRMWARE} with the weights of {@link
 * #FIRMWARE_WEIGHTS} (percent), and whose {@code mcu} versions over {@link #MCU} evenly; or, from
 * {@link #onVersion}, every device on one firmware version.
 */
final class GeneratedFleet extends InputStream {

  static final List<String> FIRMWARE =
      List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0", "2.0.0", "2.1.0", "2.2.0", "3.0.0");
  static final int[] FIRMWARE_WEIGHTS = {30, 20, 15, 10, 10, 8, 5, 2};
  static final List<String> MCU = List.of("0.9", "1.0", "1.1", "1.2");

  private final long count;
  private final LongFunction<String> firmware;
  private long next;
  private byte[] buffer = "deviceName,default,mcu\n".getBytes(StandardCharsets.US_ASCII);
  private int position;

  GeneratedFleet(long count) {
    this(count, GeneratedFleet::firmware);
  }

  private GeneratedFleet(long count, LongFunction<String> firmware) {
    this.count = count;
    this.firmware = firmware;
  }

  /** {@code count} devices, every one with firmware {@code version}. */
  static GeneratedFleet onVersion(long count, String version) {
    return new GeneratedFleet(count, i -> version);
  }

  /** The name of device {@code i}: {@code dev-0000000}, {@code dev-0000001}, … */
  static String deviceName(long i) {
    return String.format("dev-%07d", i);
  }

  /** The firmware version of device {@code i}: a fixed, well-mixed pick by the weights. */
  static String firmware(long i) {
    int percent = (int) Math.floorMod(i * 7919, 100);
    for (int v = 0; v < FIRMWARE_WEIGHTS.length; v++) {
      percent -= FIRMWARE_WEIGHTS[v];
      if (percent < 0) {
        return FIRMWARE.get(v);
      }
    }
    throw new IllegalStateException("weights must sum to 100");
  }

  static String mcu(long i) {
    return MCU.get((int) Math.floorMod(i * 31, MCU.size()));
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return buffer[position++] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    int copied = 0;
    while (copied < length && fill()) {
      int n = Math.min(length - copied, buffer.length - position);
      System.arraycopy(buffer, position, target, offset + copied, n);
      position += n;
      copied += n;
    }
    return copied == 0 ? -1 : copied;
  }

  /** Whether bytes are left, generating the next rows when the buffer is used up. */
  private boolean fill() {
    if (position < buffer.length) {
      return true;
    }
    if (next >= count) {
      return false;
    }
    StringBuilder rows = new StringBuilder(64 * 1024);
    for (int i = 0; i < 1_000 && next < count; i++, next++) {
      rows.append(deviceName(next))
          .append(',')
          .append(firmware.apply(next))
          .append(',')
          .append(mcu(next))
          .append('\n');
    }
    buffer = rows.toString().getBytes(StandardCharsets.US_ASCII);
    position = 0;
    return true;
  }
}
