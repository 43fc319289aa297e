package io.dmagent.api.mo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DdfResourceTest {

  @Test
  void loads_the_ddf_the_owner_ships_under_ddf() {
    byte[] ddf = DdfResource.load(DdfResourceTest.class, "sample.ddf");

    assertThat(new String(ddf, StandardCharsets.UTF_8))
        .startsWith("<MgmtTree>")
        .contains("<NodeName>Sample</NodeName>");
  }

  @Test
  void a_ddf_missing_from_the_bundle_fails_with_its_name() {
    assertThatThrownBy(() -> DdfResource.load(DdfResourceTest.class, "absent.ddf"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DDF resource missing from the bundle: absent.ddf");
  }
}
