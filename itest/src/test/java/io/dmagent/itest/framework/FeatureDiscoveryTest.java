package io.dmagent.itest.framework;

import static io.dmagent.api.tree.StatusCode.OK;
import static io.dmagent.itest.framework.DmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Discovery of optional features (DM-HLF-009) in the running agent: a server reads which features
 * the agent supports from {@code ./DevDetail/Ext/DMAgent/Features}, and the list follows the
 * services and bundles there are.
 */
class FeatureDiscoveryTest {
  private static final String FEATURES = "./DevDetail/Ext/DMAgent/Features";

  @RegisterExtension final InFramework dm = new InFramework();

  /** The feature names the device itself lists now. */
  private List<String> listed() throws Exception {
    return dm.service(DmTree.class)
        .operations(Principal.device())
        .get(NodeUri.of(FEATURES))
        .children();
  }

  @Test
  void a_server_reads_the_features_of_the_installed_bundles_in_a_session() throws Exception {
    ServiceRegistration<OptionalFeature> registration =
        dm.context.registerService(
            OptionalFeature.class, new TestFeature("ItestFeature", "Registered by the test"), null);
    try {
      TestServer server =
          dm.givenServer(Transport.HTTP).running("get " + FEATURES + "?list=StructData\n").start();
      TestAgent agent = dm.givenAgent().connectedTo(server);

      assertThat(agent.session()).completed();

      CommandOutcome get = server.results(agent.devId()).of("Get", FEATURES + "?list=StructData");
      assertThat(get).is(OK);
      assertThat(get.results())
          .containsEntry(FEATURES + "/ItestFeature/Description", "Registered by the test")
          .containsKeys(
              FEATURES + "/Inbox/Description",
              FEATURES + "/LargeObject/Description",
              FEATURES + "/NonceResync/Description",
              FEATURES + "/TNDS/Description",
              FEATURES + "/UserInteraction/Description",
              FEATURES + "/AsyncResults/Description",
              FEATURES + "/ClientEvent/Description");
    } finally {
      registration.unregister();
    }
    assertThat(listed()).doesNotContain("ItestFeature").contains("LargeObject", "Inbox");
  }

  @Test
  void a_feature_service_unregistered_is_gone_from_the_tree_at_once() throws Exception {
    ServiceRegistration<OptionalFeature> registration =
        dm.context.registerService(
            OptionalFeature.class, new TestFeature("Fleeting", "Here for a moment"), null);
    assertThat(listed()).contains("Fleeting");
    assertThat(
            dm.service(DmTree.class)
                .operations(Principal.device())
                .get(NodeUri.of(FEATURES + "/Fleeting/Description"))
                .value()
                .orElseThrow()
                .text())
        .isEqualTo("Here for a moment");

    registration.unregister();

    assertThat(listed()).doesNotContain("Fleeting");
    assertThatThrownBy(
            () ->
                dm.service(DmTree.class)
                    .operations(Principal.device())
                    .get(NodeUri.of(FEATURES + "/Fleeting")))
        .isInstanceOf(DmException.class);
  }

  @Test
  void stopping_the_bundle_that_provides_a_feature_removes_its_node() throws Exception {
    Bundle bundle =
        dm.context.installBundle(featureBundle(dm.folder("feature-bundle")).toUri().toString());
    try {
      bundle.start();
      assertThat(listed()).contains(FeatureBundleActivator.NAME);

      bundle.stop();

      assertThat(listed()).doesNotContain(FeatureBundleActivator.NAME);
      bundle.start();
      assertThat(listed()).contains(FeatureBundleActivator.NAME);
    } finally {
      bundle.uninstall();
    }
    assertThat(listed()).doesNotContain(FeatureBundleActivator.NAME);
  }

  /** A bundle of one class, {@link FeatureBundleActivator}, importing the api and the framework. */
  private static Path featureBundle(Path folder) throws Exception {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", "io.dmagent.itest.featurebundle");
    main.putValue("Bundle-Version", "1.0.0");
    main.putValue("Bundle-Activator", FeatureBundleActivator.class.getName());
    main.putValue(
        "Import-Package",
        "io.dmagent.api.mo;version=\"[1.2,2)\",org.osgi.framework;version=\"[1.8,2)\"");
    String entry = FeatureBundleActivator.class.getName().replace('.', '/') + ".class";
    Path jar = folder.resolve("feature-bundle.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = FeatureBundleActivator.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private record TestFeature(String name, String description) implements OptionalFeature {}
}
