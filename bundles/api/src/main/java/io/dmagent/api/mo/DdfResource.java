package io.dmagent.api.mo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the DDF a management object ships in its own bundle under {@code /ddf}, for {@link
 * ManagementObject#ddf()}. The owner's class loader finds it: a bundle's resources are its own.
 */
public final class DdfResource {
  private DdfResource() {}

  /**
   * The bytes of {@code /ddf/<name>} beside {@code owner}. A DDF missing from the bundle is a build
   * mistake, so it fails the MO's construction instead of grafting a subtree nothing describes.
   */
  public static byte[] load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream("/ddf/" + name)) {
      if (in == null) {
        throw new IllegalStateException("DDF resource missing from the bundle: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DDF resource " + name, e);
    }
  }
}
