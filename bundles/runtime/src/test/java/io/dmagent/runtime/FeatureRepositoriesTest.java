package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureRepositoriesTest {
  private static final String SHIPPED =
      """
      <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0" name="dmagent">
        <feature name="dm-framework" version="1"><bundle>mvn:x/runtime/1</bundle></feature>
        <feature name="dm-core" version="1"><feature>dm-framework</feature>\
      <bundle>mvn:io.dmagent/io.dmagent.tree/1</bundle></feature>
      </features>
      """;

  @TempDir Path home;
  private final List<String> errors = new ArrayList<>();
  private FeatureRepositories repositories;

  @BeforeEach
  void distribution() throws Exception {
    Path system = Files.createDirectories(home.resolve("system"));
    Files.writeString(system.resolve("features.xml"), SHIPPED);
    Path tree = Files.createDirectories(system.resolve("io/dmagent/io.dmagent.tree/1"));
    Files.writeString(tree.resolve("io.dmagent.tree-1.jar"), "shipped");
    repositories =
        new FeatureRepositories(
            system.resolve("features.xml"), system, home.resolve("features"), errors::add);
  }

  private Path drop(String name, String xml) throws Exception {
    Path file = Files.createDirectories(home.resolve("features")).resolve(name);
    Files.writeString(file, xml);
    return file;
  }

  private static String repository(String features) {
    return "<features xmlns=\"http://karaf.apache.org/xmlns/features/v1.4.0\" name=\"acme\">"
        + features
        + "</features>";
  }

  private static final String ACME =
      repository(
          "<feature name=\"acme-gateway\" version=\"1.0.0\"><feature>dm-core</feature>"
              + "<bundle>mvn:com.acme/acme-gateway/1.0.0</bundle></feature>");

  @Test
  void without_a_features_folder_only_the_distributions_features_exist() throws Exception {
    FeatureRepositories.Snapshot read = repositories.read();

    assertThat(read.repository().features())
        .extracting(Feature::name)
        .containsExactlyInAnyOrder("dm-framework", "dm-core");
    assertThat(errors).isEmpty();
  }

  @Test
  void a_dropped_repository_adds_its_features_beside_the_distributions() throws Exception {
    drop("acme.xml", ACME);

    FeatureRepositories.Snapshot read = repositories.read();

    assertThat(read.repository().bundlesOf("acme-gateway"))
        .containsExactly(
            "mvn:x/runtime/1",
            "mvn:io.dmagent/io.dmagent.tree/1",
            "mvn:com.acme/acme-gateway/1.0.0");
    assertThat(read.sources()).extracting(Object::toString).contains("acme.xml (acme-gateway)");
    assertThat(errors).isEmpty();
  }

  @Test
  void a_dropped_bundle_is_found_beside_the_repository_or_in_maven_layout() throws Exception {
    drop("acme.xml", ACME);
    Path flat = home.resolve("features/acme-gateway-1.0.0.jar");
    Files.writeString(flat, "flat");
    FeatureRepository repo = repositories.read().repository();
    assertThat(repo.file("mvn:com.acme/acme-gateway/1.0.0")).isEqualTo(flat);

    Path layout =
        Files.createDirectories(home.resolve("features/com/acme/acme-gateway/1.0.0"))
            .resolve("acme-gateway-1.0.0.jar");
    Files.writeString(layout, "layout");
    assertThat(repo.file("mvn:com.acme/acme-gateway/1.0.0")).isEqualTo(layout);
  }

  @Test
  void a_dropped_jar_never_replaces_a_bundle_the_distribution_ships() throws Exception {
    Files.writeString(
        Files.createDirectories(home.resolve("features")).resolve("io.dmagent.tree-1.jar"),
        "vendor's copy");

    FeatureRepository repo = repositories.read().repository();

    assertThat(repo.file("mvn:io.dmagent/io.dmagent.tree/1"))
        .isEqualTo(home.resolve("system/io/dmagent/io.dmagent.tree/1/io.dmagent.tree-1.jar"));
  }

  @Test
  void a_malformed_repository_is_left_out_with_one_error_line_and_the_others_stay()
      throws Exception {
    drop("acme.xml", ACME);
    drop("broken.xml", "<features><feature name=\"half\"");

    FeatureRepositories.Snapshot read = repositories.read();
    repositories.read();

    assertThat(read.repository().feature("acme-gateway")).isPresent();
    assertThat(errors)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("feature repository features/broken.xml refused: malformed features descriptor")
        .endsWith("its features are not available, the running features stay");
  }

  @Test
  void a_refused_repository_is_reported_again_when_it_changes() throws Exception {
    Path broken = drop("broken.xml", "not xml");
    repositories.read();
    Files.writeString(broken, "still not xml");
    Files.setLastModifiedTime(broken, FileTime.from(Instant.now().plusSeconds(5)));

    repositories.read();

    assertThat(errors).hasSize(2);
  }

  @Test
  void a_repository_cannot_redeclare_a_feature_of_the_distribution() throws Exception {
    drop(
        "evil.xml",
        repository(
            "<feature name=\"dm-framework\" version=\"9\"><bundle>mvn:e/vil/1</bundle></feature>"));

    FeatureRepositories.Snapshot read = repositories.read();

    assertThat(read.repository().bundlesOf("dm-framework")).containsExactly("mvn:x/runtime/1");
    assertThat(errors)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(
            "features/evil.xml refused: feature 'dm-framework' is already declared by"
                + " system/features.xml");
  }

  @Test
  void of_two_repositories_declaring_one_name_the_first_by_file_name_wins() throws Exception {
    drop("a-acme.xml", ACME);
    drop("b-copy.xml", ACME);

    FeatureRepositories.Snapshot read = repositories.read();

    assertThat(read.sources())
        .extracting(Object::toString)
        .contains(
            "a-acme.xml (acme-gateway)",
            "b-copy.xml refused: feature 'acme-gateway' is already declared by features/a-acme.xml");
  }

  @Test
  void a_bundle_location_other_than_mvn_refuses_the_whole_repository() throws Exception {
    drop(
        "acme.xml",
        repository(
            "<feature name=\"acme-ok\" version=\"1\"><bundle>mvn:com.acme/ok/1</bundle></feature>"
                + "<feature name=\"acme-file\" version=\"1\"><bundle>file:/etc/x.jar</bundle></feature>"));

    FeatureRepositories.Snapshot read = repositories.read();

    assertThat(read.repository().feature("acme-ok")).isEmpty();
    assertThat(errors)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("feature 'acme-file': bundle location 'file:/etc/x.jar' is not mvn:");
  }

  @Test
  void a_location_leading_out_of_the_folder_is_refused() throws Exception {
    drop(
        "acme.xml",
        repository(
            "<feature name=\"acme\" version=\"1\"><bundle>mvn:./etc/passwd</bundle></feature>"));

    repositories.read();

    assertThat(errors)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("malformed bundle location 'mvn:./etc/passwd'");
  }
}
