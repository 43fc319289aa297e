package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.testing.Libwbxml;
import io.dmagent.codec.testing.Vectors;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our WBXML against libwbxml's, an independent codec with its own SyncML 1.2, MetInf and DM DDF
 * tables: what we write, wbxml2xml turns into XML that our XML decoder reads as the same model;
 * what xml2wbxml makes of real XML messages, our WBXML decoder reads as our XML decoder reads the
 * XML. wbxml2xml writes OPAQUE data as text (CDATA), so opaque data is compared as its text;
 * libwbxml trims the text of elements embedded in Data.
 */
class LibwbxmlMessageOracleTest {
  private static final int MAX = 1 << 22;
  @TempDir Path work;
  private Libwbxml libwbxml;
  private final SyncMlCodec codec = new SyncMlCodec();

  @BeforeEach
  void tools() {
    Libwbxml.requireTools();
    libwbxml = new Libwbxml(work);
  }

  static Stream<Map.Entry<String, SyncMessage>> messages() {
    return Messages.messages().entrySet().stream();
  }

  @ParameterizedTest
  @MethodSource("messages")
  void libwbxml_decodes_our_wbxml_to_xml_that_reads_as_the_same_model(
      Map.Entry<String, SyncMessage> message) throws Exception {
    byte[] wbxml = codec.encode(message.getValue(), Encoding.WBXML);

    byte[] xml = libwbxml.wbxml2xml(wbxml);

    SyncMessage ours = codec.decode(wbxml, Encoding.WBXML, MAX);
    assertThat(Comparable.opaqueAsText(codec.decode(xml, Encoding.XML, MAX)))
        .as(message.getKey())
        .isEqualTo(Comparable.opaqueAsText(ours));
    assertThat(Comparable.opaqueAsText(ours))
        .isEqualTo(Comparable.opaqueAsText(message.getValue()));
  }

  /**
   * The DM messages among the XML vectors: libwbxml's data-sync samples embed DevInf documents,
   * which DM has no use for.
   */
  static Stream<String> xmlVectors() {
    return VectorDecodingTest.xmlMessages().filter(LibwbxmlMessageOracleTest::isDm);
  }

  private static boolean isDm(String vector) {
    try {
      return VectorDecodingTest.decode(vector).header().verProto().startsWith("DM/");
    } catch (io.dmagent.api.message.MessageFormatException e) {
      throw new AssertionError(vector, e);
    }
  }

  @ParameterizedTest
  @MethodSource("xmlVectors")
  void our_wbxml_decoder_reads_libwbxmls_encoding_of_a_real_message_as_the_xml_reads(String vector)
      throws Exception {
    // libwbxml refuses the bare ampersands of AOSP's alert packages; it gets them escaped, which
    // our XML decoder reads as it reads the original.
    byte[] xml = BareAmpersands.repair(Vectors.shared(vector));

    byte[] wbxml = libwbxml.xml2wbxml(xml);

    assertThat(Comparable.textual(codec.decode(wbxml, Encoding.WBXML, MAX)))
        .isEqualTo(Comparable.textual(codec.decode(xml, Encoding.XML, MAX)));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void our_wbxml_decoder_reads_libwbxmls_encoding_of_our_xml(Map.Entry<String, SyncMessage> message)
      throws Exception {
    byte[] xml = codec.encode(message.getValue(), Encoding.XML);

    byte[] wbxml = libwbxml.xml2wbxml(xml);

    assertThat(Comparable.opaqueAsText(codec.decode(wbxml, Encoding.WBXML, MAX)))
        .as(message.getKey())
        .isEqualTo(Comparable.opaqueAsText(codec.decode(xml, Encoding.XML, MAX)));
  }
}
