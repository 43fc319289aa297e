package io.dmagent.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.runtime.Feature;
import io.dmagent.runtime.FeatureRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped features.xml, checked on every build: a broken feature fails {@code mvn verify}. */
class FeaturesResolveTest {
  private static final Path TARGET = Path.of("target");

  static FeatureRepository shipped() throws Exception {
    return FeatureRepository.load(TARGET.resolve("feature/features.xml"), TARGET.resolve("system"));
  }

  static Stream<String> features() throws Exception {
    return shipped().features().stream().map(Feature::name);
  }

  @ParameterizedTest
  @MethodSource("features")
  void every_shipped_feature_resolves_on_felix(String feature, @TempDir Path storage)
      throws Exception {
    assertThat(FeatureCheck.problems(shipped(), feature, storage)).isEmpty();
  }

  @Test
  void the_core_features_are_declared() throws Exception {
    assertThat(features()).contains("dm-framework", "dm-core", "dm-http");
  }

  @Test
  void event_admin_is_an_extension_feature_not_started_at_every_boot() throws Exception {
    FeatureRepository shipped = shipped();

    // No bundle of the agent uses it, and it starts ten threads at once.
    assertThat(shipped.bundlesOf("dm-framework")).noneMatch(b -> b.contains("eventadmin"));
    assertThat(shipped.bundlesOf("dm-eventadmin")).anyMatch(b -> b.contains("eventadmin"));
  }

  @Test
  void a_feature_missing_an_import_fails_the_check(@TempDir Path storage) throws Exception {
    FeatureRepository broken =
        FeatureRepository.load(
            Path.of("src/test/resources/broken-features.xml"), TARGET.resolve("system"));

    List<String> problems = FeatureCheck.problems(broken, "stdobj-without-api", storage);

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("io.dmagent.stdobj does not resolve")
        .contains("io.dmagent.api");
  }

  @Test
  void a_feature_naming_a_missing_bundle_fails_the_check(@TempDir Path storage) throws Exception {
    FeatureRepository broken =
        FeatureRepository.load(
            Path.of("src/test/resources/broken-features.xml"), TARGET.resolve("system"));

    assertThat(FeatureCheck.problems(broken, "missing-bundle", storage))
        .singleElement()
        .asString()
        .contains("mvn:io.dmagent/io.dmagent.nothing/1.0 does not exist");
  }
}
