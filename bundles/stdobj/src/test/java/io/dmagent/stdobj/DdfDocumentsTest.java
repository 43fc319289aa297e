package io.dmagent.stdobj;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.UriLimits;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The shipped DDFs describe exactly what the MOs serve, with the access types the standard asks
 * for.
 */
class DdfDocumentsTest {
  @TempDir Path root;

  /** URI of every described node (placeholders as {@code <x>}) mapped to its AccessType names. */
  private static Map<String, Set<String>> describedNodes(byte[] ddf) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setExpandEntityReferences(false);
    Element mgmtTree =
        f.newDocumentBuilder().parse(new ByteArrayInputStream(ddf)).getDocumentElement();
    Map<String, Set<String>> out = new HashMap<>();
    for (Element node : children(mgmtTree, "Node")) {
      String path = text(node, "Path");
      collect(node, path.equals(".") ? "." : path, out);
    }
    return out;
  }

  private static void collect(Element node, String parent, Map<String, Set<String>> out) {
    String name = text(node, "NodeName");
    String uri = parent + "/" + (name.isEmpty() ? "<x>" : name);
    Set<String> access = new TreeSet<>();
    Element df = children(node, "DFProperties").iterator().next();
    for (Element a : children(children(df, "AccessType").iterator().next(), null)) {
      access.add(a.getTagName());
    }
    out.put(uri, access);
    for (Element child : children(node, "Node")) {
      collect(child, uri, out);
    }
  }

  private static Iterable<Element> children(Element parent, String tag) {
    java.util.List<Element> list = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && (tag == null || ((Element) n).getTagName().equals(tag))) {
        list.add((Element) n);
      }
    }
    return list;
  }

  private static String text(Element parent, String tag) {
    for (Element e : children(parent, tag)) {
      return e.getTextContent().trim();
    }
    return "";
  }

  @Test
  void every_devinfo_leaf_served_live_is_described_and_readable() throws Exception {
    DevInfoObject mo =
        new DevInfoObject(
            new DeviceIdentity(
                IdentityConfigs.defaults().build(), FakeBoard.at(root).facts(), "0.1.0"));
    Map<String, Set<String>> described = describedNodes(mo.ddf());

    for (NodeUri leaf : mo.liveLeaves()) {
      assertThat(described).containsKey(leaf.toString());
      assertThat(described.get(leaf.toString())).contains("Get");
    }
    assertThat(described.get("./DevInfo")).containsExactly("Get");
  }

  @Test
  void every_devdetail_leaf_served_live_is_described_and_readable() throws Exception {
    DevDetailObject mo =
        new DevDetailObject(
            new DeviceIdentity(
                IdentityConfigs.defaults().build(), FakeBoard.at(root).facts(), "0.1.0"),
            () -> UriLimits.DEFAULT);
    Map<String, Set<String>> described = describedNodes(mo.ddf());

    for (NodeUri leaf : mo.liveLeaves()) {
      assertThat(described).containsKey(leaf.toString());
      assertThat(described.get(leaf.toString())).contains("Get");
    }
  }

  @Test
  void dmacc_secrets_cannot_be_read_by_any_server() throws Exception {
    Map<String, Set<String>> described = describedNodes(new DmAccObject().ddf());

    assertThat(described.get("./DMAcc/<x>/AppAuth/<x>/AAuthSecret"))
        .doesNotContain("Get")
        .contains("Replace");
    assertThat(described.get("./DMAcc/<x>/AppAuth/<x>/AAuthData")).doesNotContain("Get");
    assertThat(described.get("./DMAcc/<x>/ServerID")).contains("Get");
    assertThat(described.get("./DMAcc/<x>")).contains("Add", "Delete");
  }
}
