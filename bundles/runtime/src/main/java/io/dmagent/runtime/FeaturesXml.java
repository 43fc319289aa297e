package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads feature descriptors in the Apache Karaf {@code features.xml} format (any version of its
 * namespace): the {@code feature} elements with their nested {@code feature} references and {@code
 * bundle} locations. Other Karaf elements (config, capability, conditional) are not used by the
 * agent and are ignored.
 */
public final class FeaturesXml {
  private FeaturesXml() {}

  public static Map<String, Feature> read(InputStream in) throws IOException {
    try {
      Element root = builder().parse(in).getDocumentElement();
      if (!root.getLocalName().equals("features")) {
        throw new IOException("not a features descriptor: root element is " + root.getLocalName());
      }
      Map<String, Feature> out = new LinkedHashMap<>();
      for (Element f : children(root, "feature")) {
        Feature feature = feature(f);
        if (out.put(feature.name(), feature) != null) {
          throw new IOException("feature " + feature.name() + " is declared twice");
        }
      }
      return out;
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException("malformed features descriptor: " + e.getMessage(), e);
    }
  }

  private static Feature feature(Element f) throws IOException {
    String name = f.getAttribute("name");
    if (name.isEmpty()) {
      throw new IOException("a feature without a name");
    }
    List<String> features = new ArrayList<>();
    for (Element ref : children(f, "feature")) {
      features.add(ref.getTextContent().trim());
    }
    List<String> bundles = new ArrayList<>();
    for (Element b : children(f, "bundle")) {
      bundles.add(b.getTextContent().trim());
    }
    return new Feature(
        name, f.getAttribute("version"), f.getAttribute("description"), features, bundles);
  }

  private static DocumentBuilder builder() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    // A descriptor is configuration, not a document from the network, but it never needs a DTD or
    // an entity.
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setExpandEntityReferences(false);
    return f.newDocumentBuilder();
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && localName.equals(n.getLocalName())) {
        out.add((Element) n);
      }
    }
    return out;
  }
}
