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
}
