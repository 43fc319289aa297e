package io.dmagent.codec.description;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.codec.testing.Libwbxml;
import io.dmagent.codec.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our WBXML against libwbxml's: what we write, libwbxml decodes to XML that our XML reader reads as
 * the same model; what libwbxml encodes from a DDF, our WBXML reader reads as our XML reader reads
 * the DDF. Binary values are left out: wbxml2xml copies OPAQUE bytes raw into its XML.
 */
class LibwbxmlOracleTest {
  @TempDir Path work;
  private Libwbxml libwbxml;
  private final DdfTndsCodec codec = new DdfTndsCodec();

  @BeforeEach
  void tools() {
    Libwbxml.requireTools();
    libwbxml = new Libwbxml(work);
  }

  static Stream<String> ddfs() {
    return Stream.of(
        "shared:aosp-omadm/syncmldm.ddf",
        "resource:ddf/sensorcfg.ddf",
        "resource:ddf/sensorcfg-msft.ddf",
        "stdobj:devinfo.ddf",
        "stdobj:devdetail.ddf",
        "stdobj:dmacc.ddf");
  }

  static byte[] load(String source) {
    String name = source.substring(source.indexOf(':') + 1);
    return switch (source.substring(0, source.indexOf(':'))) {
      case "shared" -> Vectors.shared(name);
      case "resource" -> Vectors.resource(name);
      default -> Vectors.stdobjDdf(name);
    };
  }

  @ParameterizedTest
  @MethodSource("ddfs")
  void libwbxml_decodes_our_wbxml_ddf_to_xml_that_reads_as_the_same_model(String source)
      throws Exception {
    MgmtTreeDescription d = codec.readDdf(load(source), Encoding.XML);

    byte[] xml = libwbxml.wbxml2xml(codec.writeDdf(d, Encoding.WBXML));

    assertThat(codec.readDdf(xml, Encoding.XML)).isEqualTo(d);
  }

  @ParameterizedTest
  @MethodSource("ddfs")
  void our_wbxml_reader_reads_libwbxmls_encoding_of_a_ddf_as_our_xml_reader_reads_the_ddf(
      String source) throws Exception {
    byte[] ddf = load(source);

    byte[] wbxml = libwbxml.xml2wbxml(ddf);

    assertThat(codec.readDdf(wbxml, Encoding.WBXML)).isEqualTo(codec.readDdf(ddf, Encoding.XML));
  }

  @Test
  void libwbxml_decodes_our_wbxml_of_the_passpoint_tnds_to_the_same_model() throws Exception {
    TndsTree t =
        codec.readTnds(Vectors.shared("aosp-wifi-pps/PerProviderSubscription.xml"), Encoding.XML);

    byte[] xml = libwbxml.wbxml2xml(codec.writeTnds(t, Encoding.WBXML));

    assertThat(Models.dump(codec.readTnds(xml, Encoding.XML))).isEqualTo(Models.dump(t));
  }

  @Test
  void our_wbxml_reader_reads_libwbxmls_encoding_of_tnds_documents() throws Exception {
    for (String vector :
        new String[] {"aosp-wifi-pps/PerProviderSubscription.xml", "libwbxml/ddf/ddf-001.ddf"}) {
      byte[] xml = Vectors.shared(vector);

      byte[] wbxml = libwbxml.xml2wbxml(xml);

      assertThat(Models.dump(codec.readTnds(wbxml, Encoding.WBXML)))
          .as(vector)
          .isEqualTo(Models.dump(codec.readTnds(xml, Encoding.XML)));
    }
  }

  /**
   * Values with markup characters, non-ASCII text and every property. wbxml2xml trims text and
   * writes CR unescaped, so values with edge white space or CR are left to our own round trip.
   */
  @Test
  void libwbxml_decodes_our_text_values_and_properties_unchanged() throws Exception {
    TndsTree t =
        RoundTripTest.tree(
            new TndsNode(
                "Vendor",
                Optional.of("./Ext"),
                Optional.of(NodeFormat.NODE),
                Map.of(NodeProperty.TYPE, "urn:oma:mo:example:1.0", NodeProperty.ACL, "Get=*"),
                Optional.empty(),
                List.of(
                    RoundTripTest.leaf("text", NodeFormat.CHR, utf8("é 日本 <&> \"q\" 'a'\tb")),
                    RoundTripTest.leaf("xml", NodeFormat.XML, utf8("<a b='c'>&amp;</a>")),
                    RoundTripTest.leaf("empty", NodeFormat.CHR, new byte[0]),
                    new TndsNode(
                        "number",
                        Optional.empty(),
                        Optional.of(NodeFormat.INT),
                        Map.of(
                            NodeProperty.NAME, "number",
                            NodeProperty.SIZE, "3",
                            NodeProperty.TITLE, "A title",
                            NodeProperty.TSTAMP, "20240102T030405Z",
                            NodeProperty.TYPE, "text/plain",
                            NodeProperty.VERNO, "7"),
                        Optional.of(utf8("-42")),
                        List.of()))));

    byte[] xml = libwbxml.wbxml2xml(codec.writeTnds(t, Encoding.WBXML));

    assertThat(Models.dump(codec.readTnds(xml, Encoding.XML))).isEqualTo(Models.dump(t));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
