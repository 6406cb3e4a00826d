package io.upgradehub.campaign.batch;

import java.security.SecureRandom;

/**
 * New batch ids: 12 characters of Crockford's base32 (60 random bits), short enough to prefix a
 * million job ids and safe in every id rule of the events ({@code A-Z a-z 0-9 _ . : -}).
 */
public final class BatchIds {

  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private BatchIds() {}

  public static String next() {
    long bits = RANDOM.nextLong();
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
    }
    return new String(id);
  }
}
