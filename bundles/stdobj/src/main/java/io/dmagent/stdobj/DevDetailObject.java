package io.dmagent.stdobj;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.UriLimits;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ./DevDetail} (urn:oma:mo:oma-dm-devdetail:1.1): what the device is made of. The URI limits
 * are the ones the tree enforces, so what a server reads is what it gets. {@code Ext} carries
 * gateway facts a server of a fleet of gateways wants (CPU architecture, OS, kernel, Java).
 */
@Component(service = ManagementObject.class, configurationPid = DeviceIdentityConfig.PID)
public final class DevDetailObject extends StandardObject {
  static final NodeUri ROOT = NodeUri.of("./DevDetail");
  static final String MO_ID = "urn:oma:mo:oma-dm-devdetail:1.1";

  @Activate
  public DevDetailObject(
      DeviceIdentityConfig config, BundleContext context, @Reference DmTree tree) {
    this(
        new DeviceIdentity(
            config,
            GatewayFacts.ofThisMachine(),
            KeptDeviceId.in(context),
            context.getBundle().getVersion().toString()),
        tree::uriLimits);
  }

  DevDetailObject(DeviceIdentity identity, Supplier<UriLimits> limits) {
    super(ROOT, "devdetail.ddf", leaves(identity, identity.facts(), limits));
  }

  private static LiveLeaves leaves(
      DeviceIdentity identity, GatewayFacts facts, Supplier<UriLimits> limits) {
    return new LiveLeaves(ROOT)
        .text("URI/MaxDepth", () -> String.valueOf(limits.get().maxDepth()))
        .text("URI/MaxTotLen", () -> String.valueOf(limits.get().maxTotLen()))
        .text("URI/MaxSegLen", () -> String.valueOf(limits.get().maxSegLen()))
        .text("DevTyp", identity::deviceType)
        .text("OEM", identity::oem)
        .text("FwV", identity::firmwareVersion)
        .text("SwV", identity::softwareVersion)
        .text("HwV", identity::hardwareVersion)
        .bool("LrgObj", () -> true)
        .text("Ext/CpuArch", facts::cpuArchitecture)
        .text("Ext/Cpu", () -> facts.cpuModel().orElse(""))
        .text("Ext/OS", () -> facts.osName().orElse(""))
        .text("Ext/Kernel", facts::kernelVersion)
        .text("Ext/Java", facts::javaVersion);
  }
}
