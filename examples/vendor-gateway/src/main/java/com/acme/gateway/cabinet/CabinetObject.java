package com.acme.gateway.cabinet;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ./Vendor/Acme/Cabinet} (urn:x-acme:mo:cabinet:1.0), described by {@code ddf/cabinet.ddf}:
 * {@code Temperature} and {@code Sensor} are read live from the sensor at each Get; {@code Label}
 * (where the cabinet stands) is kept by the agent's tree, at most {@value #MAX_LABEL} characters.
 */
@Component(service = ManagementObject.class)
public final class CabinetObject implements ManagementObject {
  static final NodeUri ROOT = NodeUri.of("./Vendor/Acme/Cabinet");
  static final NodeUri TEMPERATURE = NodeUri.of("./Vendor/Acme/Cabinet/Temperature");
  static final NodeUri SENSOR = NodeUri.of("./Vendor/Acme/Cabinet/Sensor");
  static final NodeUri LABEL = NodeUri.of("./Vendor/Acme/Cabinet/Label");
  static final int MAX_LABEL = 64;

  private final CabinetSensor sensor;
  private final byte[] ddf;

  @Activate
  public CabinetObject(@Reference CabinetSensor sensor) {
    this.sensor = sensor;
    this.ddf = DdfResource.load(CabinetObject.class, "cabinet.ddf");
  }

  @Override
  public NodeUri root() {
    return ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  /** Servers may read the cabinet and name it; nothing else. */
  @Override
  public String rootAcl() {
    return "Get=*&Replace=*";
  }

  @Override
  public Optional<NodeValue> readLive(NodeUri uri) {
    if (uri.equals(TEMPERATURE)) {
      return Optional.of(NodeValue.text(sensor.read().text()));
    }
    if (uri.equals(SENSOR)) {
      return Optional.of(NodeValue.text(sensor.read().source()));
    }
    return Optional.empty();
  }

  @Override
  public void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal)
      throws DmException {
    if (uri.equals(LABEL) && value.isPresent() && value.get().text().length() > MAX_LABEL) {
      throw new DmException(
          StatusCode.REQUEST_ENTITY_TOO_LARGE,
          "the cabinet's Label takes at most " + MAX_LABEL + " characters");
    }
  }

  /** For tests: the DDF as text. */
  String ddfText() {
    return new String(ddf, StandardCharsets.UTF_8);
  }
}
