package io.dmagent.codec.fuzz;

import java.util.Random;

/** The byte edits the fuzzers mutate inputs with: each answers a new array. */
public final class ByteEdits {
  private ByteEdits() {}

  public static byte[] randomBytes(Random random, int n) {
    byte[] r = new byte[n];
    random.nextBytes(r);
    return r;
  }

  public static byte[] insert(byte[] b, int at, byte[] more) {
    byte[] r = new byte[b.length + more.length];
    System.arraycopy(b, 0, r, 0, at);
    System.arraycopy(more, 0, r, at, more.length);
    System.arraycopy(b, at, r, at + more.length, b.length - at);
    return r;
  }

  public static byte[] delete(byte[] b, int at, int n) {
    byte[] r = new byte[b.length - n];
    System.arraycopy(b, 0, r, 0, at);
    System.arraycopy(b, at + n, r, at, b.length - at - n);
    return r;
  }
}
