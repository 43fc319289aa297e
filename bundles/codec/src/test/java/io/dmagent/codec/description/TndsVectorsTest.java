package io.dmagent.codec.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Real TNDS documents written by others: read, and written back to an equal model. */
class TndsVectorsTest {
  private final DdfTndsCodec codec = new DdfTndsCodec();

  private TndsTree pps() throws DmException {
    return codec.readTnds(
        Vectors.shared("aosp-wifi-pps/PerProviderSubscription.xml"), Encoding.XML);
  }

  @Test
  void imports_the_wifi_passpoint_subscription_of_109_nodes() throws Exception {
    TndsTree t = pps();

    assertThat(t.verDtd()).isEqualTo("1.2");
    assertThat(Models.count(t)).isEqualTo(109);
    TndsNode root = Models.node(t, "PerProviderSubscription");
    assertThat(root.property(NodeProperty.TYPE))
        .contains("urn:wfa:mo:hotspot2dot0-perprovidersubscription:1.0");
    assertThat(root.isInterior()).isTrue();
    assertThat(root.format()).isEmpty();
    assertThat(Models.text(Models.node(t, "PerProviderSubscription/UpdateIdentifier")))
        .isEqualTo("12");
    assertThat(Models.text(Models.node(t, "PerProviderSubscription/i001/HomeSP/FQDN")))
        .isEqualTo("mi6.co.uk");
    assertThat(Models.text(Models.node(t, "PerProviderSubscription/i001/HomeSP/FriendlyName")))
        .isEqualTo("Century House");
    TndsNode password =
        Models.node(t, "PerProviderSubscription/i001/Credential/UsernamePassword/Password");
    // No Format in the document, so the Base64-looking password is text, kept as written.
    assertThat(Models.text(password)).isEqualTo("Ym9uZDAwNw==");
    assertThat(password.properties()).isEmpty();
  }

  @Test
  void exports_the_passpoint_subscription_to_xml_that_reads_back_equal() throws Exception {
    TndsTree t = pps();

    byte[] xml = codec.writeTnds(t, Encoding.XML);

    assertThat(Models.dump(codec.readTnds(xml, Encoding.XML))).isEqualTo(Models.dump(t));
    assertThat(new String(xml, StandardCharsets.UTF_8))
        .startsWith("<MgmtTree xmlns=\"syncml:dmddf1.2\">");
  }

  @Test
  void exports_the_passpoint_subscription_to_wbxml_that_reads_back_equal() throws Exception {
    TndsTree t = pps();

    byte[] wbxml = codec.writeTnds(t, Encoding.WBXML);

    assertThat(Models.dump(codec.readTnds(wbxml, Encoding.WBXML))).isEqualTo(Models.dump(t));
    assertThat(wbxml.length)
        .isLessThan(Vectors.shared("aosp-wifi-pps/PerProviderSubscription.xml").length / 2);
  }

  @Test
  void reads_the_libwbxml_ddf_sample_which_is_a_tnds_document() throws Exception {
    TndsTree t = codec.readTnds(Vectors.shared("libwbxml/ddf/ddf-001.ddf"), Encoding.XML);

    assertEmailTree(t);
  }

  @Test
  void the_libwbxml_ddf_sample_is_no_ddf_since_its_nodes_lack_dfproperties() {
    byte[] sample = Vectors.shared("libwbxml/ddf/ddf-001.ddf");
    assertThatThrownBy(() -> codec.readDdf(sample, Encoding.XML))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST))
        .hasMessageContaining("DFProperties");
  }

  @Test
  void reads_the_tnds_embedded_in_a_syncml_xml_message() throws Exception {
    String message =
        new String(Vectors.shared("libwbxml/ddf/syncml_with_ddf-001.xml"), StandardCharsets.UTF_8);
    // The protocol layer hands the codec the Data content; here it is cut out by hand.
    String mgmtTree =
        message.substring(
            message.indexOf("<MgmtTree"), message.indexOf("</MgmtTree>") + "</MgmtTree>".length());

    TndsTree t = codec.readTnds(mgmtTree.getBytes(StandardCharsets.UTF_8), Encoding.XML);

    assertEmailTree(t);
  }

  @Test
  void reads_the_wbxml_tnds_that_libwbxml_embedded_as_opaque_data_in_a_syncml_message()
      throws Exception {
    byte[] message = Vectors.shared("libwbxml-derived/syncml_with_ddf-001.wbxml");

    TndsTree t = codec.readTnds(embeddedDocument(message), Encoding.WBXML);

    assertEmailTree(t);
    assertThat(Models.dump(t))
        .isEqualTo(
            Models.dump(codec.readTnds(Vectors.shared("libwbxml/ddf/ddf-001.ddf"), Encoding.XML)));
  }

  private static void assertEmailTree(TndsTree t) {
    assertThat(Models.count(t)).isEqualTo(5);
    TndsNode email = Models.node(t, "E-Mail");
    assertThat(email.format()).contains(NodeFormat.NODE);
    assertThat(email.property(NodeProperty.TYPE)).contains("com.operatorX.dm/1.0/EMail");
    // POP3 carries no RTProperties: no Format, but children make it interior.
    TndsNode pop3 = Models.node(t, "E-Mail/POP3");
    assertThat(pop3.format()).isEmpty();
    assertThat(pop3.isInterior()).isTrue();
    TndsNode server = Models.node(t, "E-Mail/POP3/POPServer");
    assertThat(server.format()).contains(NodeFormat.CHR);
    assertThat(server.property(NodeProperty.TYPE)).contains("text/plain");
    assertThat(Models.text(server)).isEqualTo("mail.Operatorx.com");
    assertThat(Models.text(Models.node(t, "E-Mail/POP3/PWD"))).isEqualTo("4571F7C34A9876B3");
  }

  /**
   * The WBXML document inside the message's OPAQUE Data: OPAQUE (0xC3), an mb_u_int32 length, then
   * a WBXML header whose string table holds the DM DDF public id.
   */
  static byte[] embeddedDocument(byte[] message) {
    for (int i = 0; i < message.length - 2; i++) {
      if ((message[i] & 0xFF) != 0xC3) {
        continue;
      }
      int p = i + 1;
      int length = 0;
      int b;
      do {
        b = message[p++] & 0xFF;
        length = (length << 7) | (b & 0x7F);
      } while ((b & 0x80) != 0 && p < message.length);
      if (length > 4 && p + length <= message.length && message[p] == 0x02) {
        byte[] doc = Arrays.copyOfRange(message, p, p + length);
        if (new String(doc, StandardCharsets.ISO_8859_1).contains(WbxmlHeader.FPI)) {
          return doc;
        }
      }
    }
    throw new AssertionError("no embedded DM DDF document");
  }
}
