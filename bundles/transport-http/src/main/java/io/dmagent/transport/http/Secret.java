package io.dmagent.transport.http;

import java.util.Arrays;

/**
 * A password or key that must never reach a log, an exception message or a {@code toString}: it
 * only hands out copies of its characters and prints as {@code ***}.
 */
public final class Secret {
  private final char[] chars;

  private Secret(char[] chars) {
    this.chars = chars.clone();
  }

  public static Secret of(String value) {
    return new Secret(value == null ? new char[0] : value.toCharArray());
  }

  /** A copy, for the API that needs it (KeyStore.load); the caller clears it after use. */
  char[] chars() {
    return chars.clone();
  }

  boolean isEmpty() {
    return chars.length == 0;
  }

  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Arrays.equals(s.chars, chars);
  }

  @Override
  public int hashCode() {
    // Equal secrets share a hash; no part of the secret is disclosed by a constant.
    return 1;
  }
}
