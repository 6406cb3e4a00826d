package io.upgradehub.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A deterministic stream of {@code size} pseudo-random bytes, generated on the fly: a random 1 MiB
 * block with its index stamped into its first 8 bytes, so no two blocks are equal and nothing of
 * the size is ever held in memory.
 */
final class GeneratedFirmware extends InputStream {

  private static final int BLOCK = 1024 * 1024;

  private final byte[] block = new byte[BLOCK];
  private final long size;
  private long position;

  GeneratedFirmware(long size, long seed) {
    this.size = size;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < BLOCK; i += 8) {
      ByteBuffer.wrap(block, i, 8).putLong(random.nextLong());
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    int inBlock = (int) (position % BLOCK);
    if (inBlock == 0) {
      ByteBuffer.wrap(block, 0, 8).putLong(position / BLOCK);
    }
    int n = (int) Math.min(Math.min(length, BLOCK - inBlock), size - position);
    System.arraycopy(block, inBlock, buffer, offset, n);
    position += n;
    return n;
  }

  /** The SHA-256 of the whole stream, computed by reading a fresh copy. */
  static String sha256(long size, long seed) throws Exception {
    MessageDigest digest = sha256();
    try (InputStream in = new GeneratedFirmware(size, seed)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }
}
