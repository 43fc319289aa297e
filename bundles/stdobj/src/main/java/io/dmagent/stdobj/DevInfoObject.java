package io.dmagent.stdobj;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code ./DevInfo} (urn:oma:mo:oma-dm-devinfo:1.1): who the device is. Sent to the server at the
 * start of every session. Values are live: a configuration change shows in the next Get.
 */
@Component(service = ManagementObject.class, configurationPid = DeviceIdentityConfig.PID)
@Designate(ocd = DeviceIdentityConfig.class)
public final class DevInfoObject extends StandardObject {
  static final NodeUri ROOT = NodeUri.of("./DevInfo");
  static final String MO_ID = "urn:oma:mo:oma-dm-devinfo:1.1";

  @Activate
  public DevInfoObject(DeviceIdentityConfig config, BundleContext context) {
    this(
        new DeviceIdentity(
            config,
            GatewayFacts.ofThisMachine(),
            KeptDeviceId.in(context),
            context.getBundle().getVersion().toString()));
  }

  DevInfoObject(DeviceIdentity identity) {
    super(
        ROOT,
        "devinfo.ddf",
        new LiveLeaves(ROOT)
            .text("DevId", identity::devId)
            .text("Man", identity::manufacturer)
            .text("Mod", identity::model)
            .text("DmV", identity::dmVersion)
            .text("Lang", identity::language));
  }
}
