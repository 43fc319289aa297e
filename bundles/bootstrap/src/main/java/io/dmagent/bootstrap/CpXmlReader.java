package io.dmagent.bootstrap;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a CP document in XML ({@code text/vnd.wap.connectivity-xml}) with the JDK's StAX reader, no
 * DTD and no entity resolved; the input is already bounded by the bootstrap size limit and {@link
 * CpBuilder} bounds depth and element count.
 */
final class CpXmlReader {
  private CpXmlReader() {}

  static CpDocument read(byte[] body) throws Refusal {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    CpBuilder b = new CpBuilder();
    boolean root = false;
    try {
      XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(body));
      try {
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw Refusal.invalid("it references an entity");
          }
          if (event == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            if (!root) {
              if (!name.equals("wap-provisioningdoc")) {
                throw Refusal.invalid("it is no wap-provisioningdoc");
              }
              root = true;
            } else if (name.equals("characteristic")) {
              b.startCharacteristic(r.getAttributeValue(null, "type"));
            } else if (name.equals("parm")) {
              b.parm(r.getAttributeValue(null, "name"), r.getAttributeValue(null, "value"));
            } else {
              throw Refusal.invalid("unknown element in a provisioning document");
            }
          } else if (event == XMLStreamConstants.END_ELEMENT
              && r.getLocalName().equals("characteristic")) {
            b.endCharacteristic();
          }
        }
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw Refusal.invalid("not well-formed XML");
    }
    if (!root) {
      throw Refusal.invalid("it is no wap-provisioningdoc");
    }
    return b.document();
  }
}
