package io.dmagent.stdobj;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the DDF documents this bundle ships under {@code /ddf}. */
final class DdfResource {
  private DdfResource() {}

  static byte[] load(String name) {
    try (InputStream in = DdfResource.class.getResourceAsStream("/ddf/" + name)) {
      if (in == null) {
        throw new IllegalStateException("DDF resource missing from the bundle: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DDF resource " + name, e);
    }
  }
}
