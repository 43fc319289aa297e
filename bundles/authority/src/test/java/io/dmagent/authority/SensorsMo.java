package io.dmagent.authority;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A test MO with one instance per sensor: ./Vendor/ACME/Sensors/<x> (urn:x-acme:mo:sensor:1.0). */
final class SensorsMo implements ManagementObject {
  static final NodeUri ROOT = NodeUri.of("./Vendor/ACME/Sensors");

  @Override
  public NodeUri root() {
    return ROOT;
  }

  @Override
  public byte[] ddf() {
    try (InputStream in = SensorsMo.class.getResourceAsStream("/sensors.ddf")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
