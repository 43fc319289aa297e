package io.dmagent.stdobj;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.tree.UriLimits;
import java.lang.annotation.Annotation;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * DevInfo, DevDetail and DMAcc as plain Java, without a framework: for tests of other bundles and
 * the integration tests' class-path fixtures. The values named here take the place of the {@code
 * io.dmagent.stdobj} configuration; what is not named is detected from this machine, as in the
 * agent. Public on purpose: this package is not exported, so no bundle can import it.
 *
 * <pre>{@code
 * StandardObjects device = StandardObjects.device("urn:uuid:...").manufacturer("ACME");
 * tree.graft(device.devInfo());
 * tree.graft(device.devDetail(tree::uriLimits));
 * }</pre>
 */
public final class StandardObjects {
  private final String devId;
  private String manufacturer = "";
  private String model = "";
  private String firmwareVersion = "";
  private String softwareVersion = "";
  private String hardwareVersion = "";

  private StandardObjects(String devId) {
    this.devId = devId;
  }

  /** The standard objects of a device with this DevId. */
  public static StandardObjects device(String devId) {
    return new StandardObjects(Objects.requireNonNull(devId));
  }

  public StandardObjects manufacturer(String value) {
    this.manufacturer = Objects.requireNonNull(value);
    return this;
  }

  public StandardObjects model(String value) {
    this.model = Objects.requireNonNull(value);
    return this;
  }

  /** FwV, SwV and HwV of DevDetail. */
  public StandardObjects versions(String firmware, String software, String hardware) {
    this.firmwareVersion = Objects.requireNonNull(firmware);
    this.softwareVersion = Objects.requireNonNull(software);
    this.hardwareVersion = Objects.requireNonNull(hardware);
    return this;
  }

  public ManagementObject devInfo() {
    return new DevInfoObject(identity());
  }

  /** DevDetail, whose URI limits are the tree's ({@code tree::uriLimits}). */
  public ManagementObject devDetail(Supplier<UriLimits> limits) {
    return new DevDetailObject(identity(), limits);
  }

  /**
   * The node listing {@code feature} under {@code ./DevDetail/Ext/DMAgent/Features}, as the agent
   * grafts it while the feature's service is registered.
   */
  public static ManagementObject featureNode(OptionalFeature feature) {
    return new FeatureNode(feature);
  }

  public ManagementObject dmAcc() {
    return new DmAccObject();
  }

  private DeviceIdentity identity() {
    return new DeviceIdentity(config(), GatewayFacts.ofThisMachine(), "0.1.0");
  }

  private DeviceIdentityConfig config() {
    return new DeviceIdentityConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return DeviceIdentityConfig.class;
      }

      @Override
      public String devId() {
        return devId;
      }

      @Override
      public String manufacturer() {
        return manufacturer;
      }

      @Override
      public String model() {
        return model;
      }

      @Override
      public String language() {
        return "en";
      }

      @Override
      public String deviceType() {
        return "gateway";
      }

      @Override
      public String oem() {
        return manufacturer;
      }

      @Override
      public String firmwareVersion() {
        return firmwareVersion;
      }

      @Override
      public String softwareVersion() {
        return softwareVersion;
      }

      @Override
      public String hardwareVersion() {
        return hardwareVersion;
      }
    };
  }
}
