package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSetCheckTest {
  private static final String HTTP = "mvn:io.dmagent/io.dmagent.transport-http/1";

  private final FeatureRepository repo =
      new FeatureRepository(
          Map.of(
              "dm-framework",
                  feature("dm-framework", List.of(), List.of("mvn:x/scr/1", "mvn:x/runtime/1")),
              "dm-core", feature("dm-core", List.of("dm-framework"), List.of("mvn:x/tree/1")),
              "dm-http", feature("dm-http", List.of("dm-core"), List.of(HTTP)),
              "dm-extra", feature("dm-extra", List.of(), List.of("mvn:x/extra/1"))),
          null);
  private final FeatureSetCheck check = new FeatureSetCheck(repo, "dm-framework", HTTP::equals);

  private static Feature feature(String name, List<String> features, List<String> bundles) {
    return new Feature(name, "1", "", features, bundles);
  }

  @Test
  void a_set_with_the_boot_bundles_and_a_transport_is_accepted_with_all_its_bundles()
      throws Exception {
    assertThat(check.bundlesOf(List.of("dm-http"), false, false))
        .containsExactly("mvn:x/scr/1", "mvn:x/runtime/1", "mvn:x/tree/1", HTTP);
  }

  @Test
  void a_misspelt_feature_is_refused_naming_it_and_the_known_ones() {
    assertThatThrownBy(() -> check.bundlesOf(List.of("dm-core", "dm-htp"), false, false))
        .isInstanceOf(RefusedChange.class)
        .hasMessageStartingWith("no feature named 'dm-htp' (known: ")
        .hasMessageContaining("dm-http");
  }

  @Test
  void an_empty_set_is_refused() {
    assertThatThrownBy(() -> check.bundlesOf(List.of(), false, true))
        .isInstanceOf(RefusedChange.class)
        .hasMessageContaining("the feature set is empty");
  }

  @Test
  void a_set_without_the_boot_bundles_is_refused_even_when_forced() {
    assertThatThrownBy(() -> check.bundlesOf(List.of("dm-extra"), true, true))
        .isInstanceOf(RefusedChange.class)
        .hasMessageContaining("leaves out the runtime's boot bundles (feature dm-framework");
  }

  @Test
  void a_set_without_a_transport_is_refused_unless_forced() throws Exception {
    assertThatThrownBy(() -> check.bundlesOf(List.of("dm-core"), false, false))
        .isInstanceOfSatisfying(RefusedChange.class, e -> assertThat(e.forcible()).isTrue())
        .hasMessageContaining("leaves no way to reach a DM server")
        .hasMessageContaining("dm-http would");

    assertThat(check.bundlesOf(List.of("dm-core"), false, true)).contains("mvn:x/tree/1");
  }

  @Test
  void a_transport_installed_outside_the_features_counts_as_a_way_to_the_server() throws Exception {
    assertThat(check.bundlesOf(List.of("dm-core"), true, false)).doesNotContain(HTTP);
  }

  @Test
  void the_boot_bundles_are_those_of_the_boot_feature() throws Exception {
    assertThat(check.boot()).containsExactly("mvn:x/scr/1", "mvn:x/runtime/1");
  }
}
