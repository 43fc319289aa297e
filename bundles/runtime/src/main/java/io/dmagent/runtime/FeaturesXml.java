package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads feature descriptors in the Apache Karaf {@code features.xml} format (any version of its
 * namespace): the {@code feature} elements with their nested {@code feature} references and {@code
 * bundle} locations. Other Karaf elements (config, capability, conditional) are not used by the
 * agent and are ignored. Read as a stream of SAX events, with the parser SCR reads the components'
 * descriptors with: no document is built, and the parser's first use is paid once per start.
 */
public final class FeaturesXml {
  private FeaturesXml() {}

  public static Map<String, Feature> read(InputStream in) throws IOException {
    Handler handler = new Handler();
    try {
      parser().parse(in, handler);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException(
          handler.problem != null
              ? handler.problem
              : "malformed features descriptor: " + e.getMessage(),
          e);
    }
    return handler.features;
  }

  private static SAXParser parser() throws ParserConfigurationException, SAXException {
    SAXParserFactory f = SAXParserFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    // A descriptor is configuration, not a document from the network, but it never needs a DTD or
    // an entity.
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return f.newSAXParser();
  }

  /** Collects the features: {@code features/feature/(feature|bundle)}, by depth. */
  private static final class Handler extends DefaultHandler {
    final Map<String, Feature> features = new LinkedHashMap<>();
    String problem;

    private int depth;
    private String name;
    private String version;
    private String description;
    private List<String> references;
    private List<String> bundles;
    private StringBuilder text;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      depth++;
      if (depth == 1 && !localName.equals("features")) {
        stop("not a features descriptor: root element is " + localName);
      } else if (depth == 2 && localName.equals("feature")) {
        name = attribute(attributes, "name");
        if (name.isEmpty()) {
          stop("a feature without a name");
        }
        version = attribute(attributes, "version");
        description = attribute(attributes, "description");
        references = new ArrayList<>();
        bundles = new ArrayList<>();
      } else if (depth == 3
          && name != null
          && (localName.equals("feature") || localName.equals("bundle"))) {
        text = new StringBuilder();
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (text != null) {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      if (depth == 3 && text != null) {
        (localName.equals("feature") ? references : bundles).add(text.toString().trim());
        text = null;
      } else if (depth == 2 && name != null) {
        Feature f = new Feature(name, version, description, references, bundles);
        name = null;
        if (features.put(f.name(), f) != null) {
          stop("feature " + f.name() + " is declared twice");
        }
      }
      depth--;
    }

    private static String attribute(Attributes attributes, String name) {
      String value = attributes.getValue("", name);
      return value == null ? "" : value;
    }

    /** Ends the parse with a problem of the descriptor's content, reported as such. */
    private void stop(String message) throws SAXException {
      problem = message;
      throw new SAXException(message);
    }
  }
}
