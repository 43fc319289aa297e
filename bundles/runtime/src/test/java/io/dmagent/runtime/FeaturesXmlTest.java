package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesXmlTest {
  private static Map<String, Feature> read(String xml) throws IOException {
    return FeaturesXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void features_with_their_references_and_bundles_are_read_in_order() throws Exception {
    Map<String, Feature> features =
        read(
            """
            <features name="dm" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
              <feature name="dm-core" version="0.1.0" description="The core">
                <bundle start-level="30"> mvn:io.dmagent/io.dmagent.api/0.1.0 </bundle>
                <bundle>mvn:io.dmagent/io.dmagent.tree/0.1.0</bundle>
              </feature>
              <feature name="dm-http" version="0.1.0">
                <feature>dm-core</feature>
                <config name="ignored"><bundle>mvn:not/a/bundle</bundle></config>
                <conditional><bundle>mvn:not/either</bundle></conditional>
                <bundle>mvn:io.dmagent/io.dmagent.transport-http/0.1.0</bundle>
              </feature>
            </features>
            """);

    assertThat(features.keySet()).containsExactly("dm-core", "dm-http");
    assertThat(features.get("dm-core"))
        .isEqualTo(
            new Feature(
                "dm-core",
                "0.1.0",
                "The core",
                List.of(),
                List.of(
                    "mvn:io.dmagent/io.dmagent.api/0.1.0",
                    "mvn:io.dmagent/io.dmagent.tree/0.1.0")));
    assertThat(features.get("dm-http").features()).containsExactly("dm-core");
    assertThat(features.get("dm-http").bundles())
        .containsExactly("mvn:io.dmagent/io.dmagent.transport-http/0.1.0");
    assertThat(features.get("dm-http").description()).isEmpty();
  }

  @Test
  void a_feature_declared_twice_is_refused() {
    assertThatThrownBy(
            () -> read("<features><feature name=\"a\"/><feature name=\"a\"/></features>"))
        .isInstanceOf(IOException.class)
        .hasMessage("feature a is declared twice");
  }

  @Test
  void a_feature_without_a_name_is_refused() {
    assertThatThrownBy(() -> read("<features><feature version=\"1\"/></features>"))
        .hasMessage("a feature without a name");
  }

  @Test
  void another_root_element_is_not_a_features_descriptor() {
    assertThatThrownBy(() -> read("<repository/>"))
        .hasMessage("not a features descriptor: root element is repository");
  }

  @Test
  void a_document_type_declaration_is_refused() {
    assertThatThrownBy(
            () ->
                read(
                    "<!DOCTYPE features [<!ENTITY x \"y\">]><features><feature name=\"&x;\"/>"
                        + "</features>"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("malformed features descriptor");
  }

  @Test
  void a_truncated_descriptor_is_malformed() {
    assertThatThrownBy(() -> read("<features><feature name=\"a\">"))
        .hasMessageStartingWith("malformed features descriptor");
  }
}
