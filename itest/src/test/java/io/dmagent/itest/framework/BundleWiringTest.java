package io.dmagent.itest.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** The agent's bundles as the framework resolved them. */
class BundleWiringTest {
  @RegisterExtension final InFramework dm = new InFramework();

  private List<Bundle> agentBundles() {
    return Arrays.stream(dm.context.getBundles())
        .filter(b -> b.getSymbolicName().startsWith("io.dmagent."))
        .filter(b -> !b.equals(dm.context.getBundle()))
        .toList();
  }

  @Test
  void every_agent_bundle_resolves_and_starts() {
    assertThat(agentBundles())
        .extracting(Bundle::getSymbolicName)
        .contains(
            "io.dmagent.api",
            "io.dmagent.codec",
            "io.dmagent.tree",
            "io.dmagent.stdobj",
            "io.dmagent.protocol",
            "io.dmagent.transport-http",
            "io.dmagent.authority",
            "io.dmagent.diagnostics",
            "io.dmagent.server");
    assertThat(agentBundles()).allMatch(b -> b.getState() == Bundle.ACTIVE);
  }

  @Test
  void agent_bundles_are_wired_to_each_other_only_through_the_api() {
    for (Bundle bundle : agentBundles()) {
      for (BundleWire wire :
          bundle.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
        String pkg = (String) wire.getCapability().getAttributes().get("osgi.wiring.package");
        String provider = wire.getProvider().getSymbolicName();
        if (provider.startsWith("io.dmagent.")) {
          assertThat(pkg)
              .as("%s gets %s from %s", bundle.getSymbolicName(), pkg, provider)
              .startsWith("io.dmagent.api.");
          assertThat(provider).isEqualTo("io.dmagent.api");
        }
      }
    }
  }
}
