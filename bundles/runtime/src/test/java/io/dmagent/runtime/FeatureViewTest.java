package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.feature.Feature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureViewTest {
  private final FeatureRepository repo =
      new FeatureRepository(
          Map.of(
              "dm-framework",
                  feature("dm-framework", List.of(), List.of("mvn:x/scr/1", "mvn:x/runtime/1")),
              "dm-core", feature("dm-core", List.of("dm-framework"), List.of("mvn:x/tree/1")),
              "dm-http", feature("dm-http", List.of("dm-core"), List.of("mvn:x/http/1")),
              "dm-policy", feature("dm-policy", List.of("dm-core"), List.of("mvn:x/policy/1")),
              "dm-broken", feature("dm-broken", List.of("dm-gone"), List.of("mvn:x/b/1"))),
          null);

  private static io.dmagent.runtime.Feature feature(
      String name, List<String> features, List<String> bundles) {
    return new io.dmagent.runtime.Feature(name, "1.2", "the " + name, features, bundles);
  }

  private Map<String, Feature> view(List<String> running) {
    Map<String, Feature> out = new java.util.TreeMap<>();
    new FeatureView(repo, running, "dm-framework").features().forEach(f -> out.put(f.name(), f));
    return out;
  }

  @Test
  void a_feature_the_running_set_names_or_refers_to_is_installed_the_others_are_not() {
    Map<String, Feature> features = view(List.of("dm-http"));

    assertThat(features.get("dm-http").installed()).isTrue();
    assertThat(features.get("dm-core").installed()).isTrue();
    assertThat(features.get("dm-framework").installed()).isTrue();
    assertThat(features.get("dm-policy").installed()).isFalse();
  }

  @Test
  void only_a_feature_made_of_boot_bundles_is_boot() {
    Map<String, Feature> features = view(List.of("dm-http"));

    assertThat(features.get("dm-framework").boot()).isTrue();
    assertThat(features.get("dm-core").boot()).isFalse();
  }

  @Test
  void a_feature_shows_every_bundle_it_needs_in_install_order_with_its_version_and_description() {
    Feature http = view(List.of("dm-http")).get("dm-http");

    assertThat(http.bundles())
        .containsExactly("mvn:x/scr/1", "mvn:x/runtime/1", "mvn:x/tree/1", "mvn:x/http/1");
    assertThat(http.version()).isEqualTo("1.2");
    assertThat(http.description()).isEqualTo("the dm-http");
  }

  @Test
  void a_feature_referring_to_an_undeclared_one_is_listed_with_no_bundle_and_not_installed() {
    Feature broken = view(List.of("dm-http", "dm-broken")).get("dm-broken");

    assertThat(broken.bundles()).isEmpty();
    assertThat(broken.installed()).isFalse();
    assertThat(broken.boot()).isFalse();
  }
}
