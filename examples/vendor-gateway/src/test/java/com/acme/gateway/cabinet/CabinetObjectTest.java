package com.acme.gateway.cabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class CabinetObjectTest {
  @TempDir Path dir;

  private CabinetObject cabinet(String content) throws Exception {
    Path file = dir.resolve("temp");
    Files.writeString(file, content);
    return new CabinetObject(new CabinetSensor(file));
  }

  @Test
  void temperature_and_sensor_are_read_live_and_label_is_left_to_the_tree() throws Exception {
    CabinetObject cabinet = cabinet("38000");

    assertThat(cabinet.readLive(CabinetObject.TEMPERATURE)).map(NodeValue::text).hasValue("38.0");
    assertThat(cabinet.readLive(CabinetObject.SENSOR))
        .map(NodeValue::text)
        .hasValue(dir.resolve("temp").toString());
    assertThat(cabinet.readLive(CabinetObject.LABEL)).isEmpty();
  }

  @Test
  void a_label_longer_than_64_characters_is_refused_with_413() throws Exception {
    CabinetObject cabinet = cabinet("38000");
    Principal server = Principal.server("acme-dms");

    cabinet.beforeWrite(CabinetObject.LABEL, Optional.of(NodeValue.text("x".repeat(64))), server);
    assertThatThrownBy(
            () ->
                cabinet.beforeWrite(
                    CabinetObject.LABEL, Optional.of(NodeValue.text("x".repeat(65))), server))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.REQUEST_ENTITY_TOO_LARGE));
  }

  @Test
  void the_ddf_describes_the_root_and_every_node_the_object_answers() throws Exception {
    CabinetObject cabinet = cabinet("38000");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // The DOCTYPE names OMA's DTD; the agent never fetches it, nor does this test.
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element root =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(cabinet.ddf()))
            .getDocumentElement();
    Element top = children(root, "Node").get(0);

    assertThat(text(top, "Path") + "/" + text(top, "NodeName"))
        .isEqualTo(cabinet.root().toString());
    assertThat(children(top, "Node"))
        .extracting(n -> cabinet.root().child(text(n, "NodeName")))
        .containsExactly(CabinetObject.TEMPERATURE, CabinetObject.SENSOR, CabinetObject.LABEL);
    assertThat(cabinet.ddfText()).contains("<DDFName>urn:x-acme:mo:cabinet:1.0</DDFName>");
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element node, String name) {
    return children(node, name).get(0).getTextContent().trim();
  }

  @Test
  void the_root_uri_is_under_the_vendor_subtree() {
    assertThat(CabinetObject.ROOT).isEqualTo(NodeUri.of("./Vendor/Acme/Cabinet"));
  }
}
