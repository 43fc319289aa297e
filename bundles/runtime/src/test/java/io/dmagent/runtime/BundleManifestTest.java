package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundleManifestTest {
  @Test
  void the_services_of_a_bnd_provide_capability_header_are_read() {
    String header =
        "osgi.service;objectClass:List<String>=\"io.dmagent.api.transport.DmTransport\";"
            + "uses:=\"io.dmagent.api.transport\",osgi.service;objectClass:List<String>="
            + "\"a.B,c.D\",osgi.extender;osgi.extender=\"osgi.component\"";

    assertThat(BundleManifest.services(header))
        .containsExactly(FeatureSetCheck.TRANSPORT, "a.B", "c.D");
  }

  @Test
  void a_bundle_without_the_header_provides_nothing() {
    assertThat(BundleManifest.services(null)).isEmpty();
  }

  @Test
  void a_fragment_of_the_system_bundle_is_a_framework_extension() {
    assertThat(
            BundleManifest.extendsFramework(
                "system.bundle;extension:=framework", "org.apache.felix.framework"))
        .isTrue();
    assertThat(
            BundleManifest.extendsFramework(
                "org.apache.felix.framework; extension:=framework", "org.apache.felix.framework"))
        .isTrue();
  }

  @Test
  void a_plain_bundle_or_a_fragment_of_another_bundle_is_no_framework_extension() {
    assertThat(BundleManifest.extendsFramework(null, "org.apache.felix.framework")).isFalse();
    assertThat(BundleManifest.extendsFramework("io.dmagent.tree", "org.apache.felix.framework"))
        .isFalse();
  }
}
