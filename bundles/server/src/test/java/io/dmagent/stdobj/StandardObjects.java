package io.dmagent.stdobj;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmTree;
import java.lang.annotation.Annotation;

/**
 * DevInfo, DevDetail and DMAcc as the agent grafts them, for end-to-end tests on a plain class path
 * (their plain constructors are package-private): this machine's facts, a fixed DevId.
 */
public final class StandardObjects {
  private StandardObjects() {}

  public static ManagementObject devInfo(String devId) {
    return new DevInfoObject(identity(devId));
  }

  public static ManagementObject devDetail(String devId, DmTree tree) {
    return new DevDetailObject(identity(devId), tree::uriLimits);
  }

  public static ManagementObject dmAcc() {
    return new DmAccObject();
  }

  private static DeviceIdentity identity(String devId) {
    return new DeviceIdentity(config(devId), GatewayFacts.ofThisMachine(), "0.1.0");
  }

  private static DeviceIdentityConfig config(String devId) {
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
        return "ACME";
      }

      @Override
      public String model() {
        return "GW-100";
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
        return "ACME";
      }

      @Override
      public String firmwareVersion() {
        return "fw-1.2";
      }

      @Override
      public String softwareVersion() {
        return "sw-3.4";
      }

      @Override
      public String hardwareVersion() {
        return "hw-B";
      }
    };
  }
}
