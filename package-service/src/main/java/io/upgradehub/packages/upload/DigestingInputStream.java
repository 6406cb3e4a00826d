package io.upgradehub.packages.upload;

import io.upgradehub.packages.storage.CallerStreamException;
import io.upgradehub.packages.system.ErrorCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes SHA-256 and MD5 of the bytes that pass through and counts them, failing as soon as more
 * than {@code maxBytes} arrive, so an oversized upload is cut off without being stored. Failures of
 * the underlying stream (the client went away, a broken multipart body) surface as {@link
 * CallerStreamException}, not as a storage failure.
 */
final class DigestingInputStream extends FilterInputStream {

  private final MessageDigest sha256 = digest("SHA-256");
  private final MessageDigest md5 = digest("MD5");
  private final long maxBytes;
  private long count;

  DigestingInputStream(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = in.read(buffer, offset, length);
    } catch (IOException e) {
      throw new CallerStreamException(
          ErrorCode.MALFORMED_MULTIPART, "The upload was interrupted or malformed", e);
    }
    if (n > 0) {
      count += n;
      if (count > maxBytes) {
        throw new CallerStreamException(
            ErrorCode.PACKAGE_TOO_LARGE, "The package file exceeds " + maxBytes + " bytes");
      }
      sha256.update(buffer, offset, n);
      md5.update(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) {
    // skipping would leave bytes out of the digests
    return 0;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  long count() {
    return count;
  }

  String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  String md5Hex() {
    return HexFormat.of().formatHex(md5.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
    }
  }
}
