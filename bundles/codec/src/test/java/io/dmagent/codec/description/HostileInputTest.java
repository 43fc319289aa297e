package io.dmagent.codec.description;

import static io.dmagent.api.tree.StatusCode.BAD_REQUEST;
import static io.dmagent.api.tree.StatusCode.REQUEST_ENTITY_TOO_LARGE;
import static io.dmagent.api.tree.StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.markup.WorkMeter;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.codec.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Broken and hostile documents: each is refused with the right status and nothing but a {@link
 * DmException}, quickly. The timeout is only a guard against hangs.
 */
class HostileInputTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);
  private final DdfTndsCodec codec = new DdfTndsCodec();

  private interface Read {
    Object run() throws DmException;
  }

  private static StatusCode refusal(Read read) {
    return assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          try {
            read.run();
          } catch (DmException e) {
            return e.status();
          }
          return fail("accepted");
        });
  }

  private StatusCode ddf(String xml) {
    return refusal(() -> codec.readDdf(xml.getBytes(StandardCharsets.UTF_8), Encoding.XML));
  }

  private StatusCode tnds(String xml) {
    return refusal(() -> codec.readTnds(xml.getBytes(StandardCharsets.UTF_8), Encoding.XML));
  }

  private StatusCode wbxml(byte[] doc) {
    return refusal(() -> codec.readTnds(doc, Encoding.WBXML));
  }

  private static String tndsWith(String node) {
    return "<MgmtTree><VerDTD>1.2</VerDTD><Node><NodeName>A</NodeName>"
        + node
        + "</Node></MgmtTree>";
  }

  @Test
  void a_billion_laughs_doctype_is_refused() {
    String lol =
        "<?xml version=\"1.0\"?><!DOCTYPE MgmtTree [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + "<MgmtTree><VerDTD>&lol3;</VerDTD></MgmtTree>";

    assertThat(ddf(lol)).isEqualTo(BAD_REQUEST);
  }

  @Test
  void an_external_entity_is_refused_and_never_read() {
    String xxe =
        "<!DOCTYPE MgmtTree [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<MgmtTree><VerDTD>&xxe;</VerDTD></MgmtTree>";

    assertThat(ddf(xxe)).isEqualTo(BAD_REQUEST);
  }

  @Test
  void the_dtd_of_a_doctype_is_never_fetched() throws Exception {
    // Port 9 (discard) on loopback: a fetch would fail or hang; reading succeeds without one.
    String doc =
        "<!DOCTYPE MgmtTree PUBLIC \"-//OMA//DTD-DM-DDF 1.2//EN\" \"http://127.0.0.1:9/dm.dtd\">"
            + "<MgmtTree><VerDTD>1.2</VerDTD></MgmtTree>";

    assertThat(
            assertTimeoutPreemptively(
                HANG_GUARD,
                () -> codec.readDdf(doc.getBytes(StandardCharsets.UTF_8), Encoding.XML).verDtd()))
        .isEqualTo("1.2");
  }

  @Test
  void ten_thousand_nested_elements_are_too_large() {
    String nodes = "<Node>".repeat(10_000);
    String foreign = "<x:a xmlns:x=\"urn:x\">".repeat(10_000);

    assertThat(ddf("<MgmtTree><VerDTD>1.2</VerDTD>" + nodes)).isEqualTo(REQUEST_ENTITY_TOO_LARGE);
    assertThat(tnds("<MgmtTree><VerDTD>1.2</VerDTD>" + foreign))
        .isEqualTo(REQUEST_ENTITY_TOO_LARGE);
    byte[] deep = WbxmlDoc.ddf().mgmtTree().build();
    byte[] opens = new byte[10_000];
    Arrays.fill(opens, (byte) (DdfTag.NODE.token() | WbxmlDoc.CONTENT));
    assertThat(wbxml(concat(deep, opens))).isEqualTo(REQUEST_ENTITY_TOO_LARGE);
  }

  @Test
  void an_element_with_a_hundred_thousand_attributes_is_too_large_at_once() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      attributes.append(" a").append(i).append("=\"v\"");
    }
    byte[] doc = tndsWith("<Value" + attributes + ">v</Value>").getBytes(StandardCharsets.UTF_8);
    WorkMeter work = new WorkMeter();

    DmException e = assertThrows(DmException.class, () -> codec.readTnds(doc, Encoding.XML, work));

    assertThat(e.status()).isEqualTo(REQUEST_ENTITY_TOO_LARGE);
    // Decoding and checking the characters read each byte 3 times; then the refusal comes at the
    // 65th attribute, and the rest of the 1.3 MB start tag is never tokenized.
    assertThat(work.steps()).isLessThan(3L * doc.length + 10_000);
  }

  @Test
  void a_character_xml_does_not_allow_is_refused_in_tnds_as_in_a_message() {
    for (String value : new String[] {"a&#1;b", "a\u0001b", "a&#xFFFE;b", "a&#xD800;b"}) {
      String message =
          "<SyncML><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1"
              + "</SessionID><MsgID>1</MsgID><Target><LocURI>d</LocURI></Target><Source>"
              + "<LocURI>s</LocURI></Source></SyncHdr><SyncBody><Alert><CmdID>1</CmdID>"
              + "<Data>"
              + value
              + "</Data></Alert><Final/></SyncBody></SyncML>";
      MessageFormatException m =
          assertThrows(
              MessageFormatException.class,
              () ->
                  new SyncMlCodec()
                      .decode(message.getBytes(StandardCharsets.UTF_8), Encoding.XML, 1 << 20));

      assertThat(tnds(tndsWith("<Value>" + value + "</Value>"))).as(value).isEqualTo(BAD_REQUEST);
      assertThat(m.status()).as(value).isEqualTo(400);
    }
  }

  @Test
  void string_table_references_cannot_multiply_a_document_beyond_a_linear_bound() {
    // The table holds the FPI (27 bytes with its NUL), "f:x" at 27 and 60,000 characters at 31.
    WbxmlDoc doc = WbxmlDoc.ddf("f:x", "x".repeat(60_000)).mgmtTree();
    for (int i = 0; i < 1000; i++) {
      doc.bytes(0x44, 27, WbxmlDoc.STR_T, 31).end();
    }

    assertThat(wbxml(doc.end().build())).isEqualTo(REQUEST_ENTITY_TOO_LARGE);
  }

  @Test
  void an_oversized_document_is_refused_before_parsing() {
    byte[] huge = new byte[CodecLimits.defaults().maxInputBytes() + 1];
    Arrays.fill(huge, (byte) '<');

    assertThat(refusal(() -> codec.readDdf(huge, Encoding.XML)))
        .isEqualTo(REQUEST_ENTITY_TOO_LARGE);
    assertThat(refusal(() -> codec.readTnds(huge, Encoding.WBXML)))
        .isEqualTo(REQUEST_ENTITY_TOO_LARGE);
  }

  @Test
  void too_many_elements_or_too_long_a_value_is_too_large() {
    DdfTndsCodec small = new DdfTndsCodec(new CodecLimits(1 << 20, 64, 100, 1000));
    String many = tndsWith("<Node><NodeName>b</NodeName></Node>".repeat(100));
    String longValue = tndsWith("<Value>" + "x".repeat(1001) + "</Value>");

    assertThat(refusal(() -> small.readTnds(many.getBytes(StandardCharsets.UTF_8), Encoding.XML)))
        .isEqualTo(REQUEST_ENTITY_TOO_LARGE);
    assertThat(
            refusal(() -> small.readTnds(longValue.getBytes(StandardCharsets.UTF_8), Encoding.XML)))
        .isEqualTo(REQUEST_ENTITY_TOO_LARGE);
  }

  @Test
  void a_wrong_root_element_is_refused() {
    assertThat(ddf("<SyncML><VerDTD>1.2</VerDTD></SyncML>")).isEqualTo(BAD_REQUEST);
    assertThat(ddf("<MgmtTree xmlns=\"urn:other\"><VerDTD>1.2</VerDTD></MgmtTree>"))
        .isEqualTo(BAD_REQUEST);
    assertThat(wbxml(WbxmlDoc.ddf().page2().open(DdfTag.NODE).end().build()))
        .isEqualTo(BAD_REQUEST);
  }

  @Test
  void an_unknown_format_element_is_refused() {
    assertThat(ddf(DdfReadingTest.ddf("<string/>", "<MIME>text/plain</MIME>", "")))
        .isEqualTo(BAD_REQUEST);
    assertThat(ddf(DdfReadingTest.ddf("<Node/>", "<MIME>text/plain</MIME>", "")))
        .isEqualTo(BAD_REQUEST);
    assertThat(tnds(tndsWith("<RTProperties><Format><text/></Format></RTProperties>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(
            wbxml(
                WbxmlDoc.ddf()
                    .mgmtTree()
                    .open(DdfTag.NODE)
                    .open(DdfTag.RT_PROPERTIES)
                    .open(DdfTag.FORMAT)
                    .empty(DdfTag.GET)
                    .end()
                    .end()
                    .end()
                    .end()
                    .build()))
        .isEqualTo(BAD_REQUEST);
  }

  @Test
  void documents_that_break_the_content_model_are_malformed() {
    String valid = DdfReadingTest.ddf("<chr/>", "<MIME>text/plain</MIME>", "");
    assertThat(ddf(valid.replace("<VerDTD>1.2</VerDTD>", ""))).isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<AccessType><Get/></AccessType>", ""))).isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<DFType>", "<DFType><Get/>"))).isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<DFFormat><chr/>", "<DFFormat><chr/><int/>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<DFFormat><chr/></DFFormat>", "<DFFormat/>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<Get/>", "<Get>yes</Get>"))).isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<Get/>", "<Foo/>"))).isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("<NodeName>", "text<NodeName>"))).isEqualTo(BAD_REQUEST);
    assertThat(
            ddf(
                valid.replace(
                    "</DFProperties>",
                    "<Occurrence><ZeroOrN>0</ZeroOrN></Occurrence></DFProperties>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(
            ddf(
                valid.replace(
                    "</DFProperties>",
                    "<Occurrence><OneOrN>many</OneOrN></Occurrence></DFProperties>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("</DFProperties>", "<Scope><Static/></Scope></DFProperties>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid.replace("</DFProperties>", "</DFProperties><Node/>")))
        .as("a leaf with a child")
        .isEqualTo(BAD_REQUEST);
    assertThat(ddf(valid + "<MgmtTree/>")).isEqualTo(BAD_REQUEST);
    assertThat(ddf("")).isEqualTo(BAD_REQUEST);
    assertThat(tnds(tndsWith("<Value>x</Value><Node><NodeName>b</NodeName></Node>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(
            tnds(tndsWith("<RTProperties><Format><node/></Format></RTProperties><Value>x</Value>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(
            tnds(
                tndsWith("<RTProperties><Format><b64/></Format></RTProperties><Value>*!*</Value>")))
        .isEqualTo(BAD_REQUEST);
    assertThat(tnds(tndsWith("<RTProperties><ACL>a</ACL><ACL>b</ACL></RTProperties>")))
        .isEqualTo(BAD_REQUEST);
  }

  @Test
  void a_refusal_never_quotes_a_value() {
    String secret = "hunter2secret";
    String[] broken = {
      tndsWith("<Value>" + secret + "</Valu>"),
      tndsWith("<Value>" + secret + "&nope;</Value>"),
      tndsWith("<Value>" + secret),
      tndsWith("<RTProperties><Format><b64/></Format></RTProperties><Value>" + secret + "</Value>")
    };
    for (String doc : broken) {
      DmException e =
          assertThrows(
              DmException.class,
              () -> codec.readTnds(doc.getBytes(StandardCharsets.UTF_8), Encoding.XML));
      assertThat(e).hasMessageNotContaining("hunter").hasNoCause();
    }
    byte[] wbxml =
        WbxmlDoc.ddf().mgmtTree().open(DdfTag.NODE).text(DdfTag.VALUE, secret).bytes(0x3F).build();
    DmException e = assertThrows(DmException.class, () -> codec.readTnds(wbxml, Encoding.WBXML));
    assertThat(e).hasMessageNotContaining("hunter").hasNoCause();
  }

  @Test
  void every_truncation_of_a_document_is_malformed() throws Exception {
    byte[] xml = Vectors.resource("ddf/sensorcfg.ddf");
    byte[] wbxml = codec.writeDdf(codec.readDdf(xml, Encoding.XML), Encoding.WBXML);

    for (int n = 0; n < wbxml.length; n++) {
      byte[] cut = Arrays.copyOf(wbxml, n);
      assertThat(refusal(() -> codec.readDdf(cut, Encoding.WBXML)))
          .as("%d bytes", n)
          .isEqualTo(BAD_REQUEST);
    }
    int end = new String(xml, StandardCharsets.UTF_8).lastIndexOf("</MgmtTree>");
    for (int n = 0; n < end; n += 7) {
      byte[] cut = Arrays.copyOf(xml, n);
      assertThat(refusal(() -> codec.readDdf(cut, Encoding.XML)))
          .as("%d bytes", n)
          .isEqualTo(BAD_REQUEST);
    }
  }

  @Test
  void garbage_is_malformed() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[1 + random.nextInt(300)];
      random.nextBytes(garbage);
      assertThat(refusal(() -> codec.readTnds(garbage, Encoding.XML))).isEqualTo(BAD_REQUEST);
      assertThat(refusal(() -> codec.readTnds(garbage, Encoding.WBXML)))
          .isIn(BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE_OR_FORMAT);
    }
  }

  @Test
  void lengths_and_references_beyond_the_document_are_malformed() {
    byte[] hugeOpaque =
        WbxmlDoc.ddf()
            .mgmtTree()
            .open(DdfTag.NODE)
            .open(DdfTag.VALUE)
            .bytes(WbxmlDoc.OPAQUE, 0x87, 0xFF, 0xFF, 0xFF, 0x7F)
            .build();
    byte[] shortOpaque =
        WbxmlDoc.ddf()
            .mgmtTree()
            .open(DdfTag.NODE)
            .open(DdfTag.VALUE)
            .bytes(WbxmlDoc.OPAQUE, 9, 1)
            .build();
    byte[] hugeTable = WbxmlDoc.raw(0x02, 0x00, 0x00, 0x6A, 0x87, 0xFF, 0xFF, 0xFF, 0x7F).build();
    byte[] badReference =
        WbxmlDoc.ddf()
            .mgmtTree()
            .open(DdfTag.NODE)
            .open(DdfTag.VALUE)
            .bytes(WbxmlDoc.STR_T, 0x7F)
            .build();
    byte[] longInteger = WbxmlDoc.raw(0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).build();

    assertThat(wbxml(hugeOpaque)).isEqualTo(BAD_REQUEST);
    assertThat(wbxml(shortOpaque)).isEqualTo(BAD_REQUEST);
    assertThat(wbxml(hugeTable)).isEqualTo(BAD_REQUEST);
    assertThat(wbxml(badReference)).isEqualTo(BAD_REQUEST);
    assertThat(wbxml(longInteger)).isEqualTo(BAD_REQUEST);
  }

  @Test
  void wbxml_tokens_outside_the_ddf_vocabulary_are_malformed() {
    byte[] base = WbxmlDoc.ddf().mgmtTree().build();

    assertThat(wbxml(concat(base, new byte[] {0x3D}))).as("undefined tag").isEqualTo(BAD_REQUEST);
    assertThat(wbxml(concat(base, new byte[] {0x00, 0x01, 0x45, 0x01})))
        .as("page 1 (MetInf)")
        .isEqualTo(BAD_REQUEST);
    assertThat(wbxml(concat(base, new byte[] {0x00, 0x07, 0x45, 0x01})))
        .as("page 7")
        .isEqualTo(BAD_REQUEST);
    assertThat(wbxml(concat(base, new byte[] {0x43, 0x05, 0x01}))).as("PI").isEqualTo(BAD_REQUEST);
    assertThat(wbxml(concat(base, new byte[] {(byte) 0x80, 0x01})))
        .as("EXT_T_0")
        .isEqualTo(BAD_REQUEST);
    assertThat(wbxml(concat(base, new byte[] {0x01, 0x01})))
        .as("END without element")
        .isEqualTo(BAD_REQUEST);
  }

  @Test
  void a_wbxml_header_is_checked() {
    assertThat(wbxml(WbxmlDoc.raw(0x02, 0x01, 0x03, 0x00).page2().build()))
        .as("US-ASCII")
        .isEqualTo(UNSUPPORTED_MEDIA_TYPE_OR_FORMAT);
    assertThat(wbxml(WbxmlDoc.raw(0x07, 0x01, 0x6A, 0x00).build()))
        .as("version")
        .isEqualTo(BAD_REQUEST);
    assertThat(wbxml(WbxmlDoc.raw(0x02, 0x00, 0x05, 0x6A, 0x01, 0x00).build()))
        .as("public id outside the string table")
        .isEqualTo(BAD_REQUEST);
  }

  /**
   * Thousands of random corruptions of valid documents: each is read or refused with a DmException,
   * never anything else, and all of them in bounded time.
   */
  @Test
  void random_corruptions_are_read_or_refused_but_never_throw_anything_else() throws Exception {
    byte[] xml = Vectors.shared("libwbxml/ddf/ddf-001.ddf");
    byte[] wbxml = codec.writeTnds(RoundTripTest.everyTndsElement(), Encoding.WBXML);
    Random random = new Random(7);
    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          for (int i = 0; i < 3000; i++) {
            readOrRefuse(mutate(xml, random), Encoding.XML);
            readOrRefuse(mutate(wbxml, random), Encoding.WBXML);
          }
        });
  }

  private void readOrRefuse(byte[] doc, Encoding encoding) {
    try {
      codec.readTnds(doc, encoding);
      codec.readDdf(doc, encoding);
    } catch (DmException e) {
      assertThat(e.status())
          .isIn(BAD_REQUEST, REQUEST_ENTITY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE_OR_FORMAT);
    }
  }

  private static byte[] mutate(byte[] doc, Random random) {
    byte[] m = doc.clone();
    int changes = 1 + random.nextInt(4);
    for (int c = 0; c < changes; c++) {
      int at = random.nextInt(m.length);
      switch (random.nextInt(3)) {
        case 0 -> m[at] = (byte) random.nextInt(256);
        case 1 -> m = Arrays.copyOf(m, Math.max(1, at));
        default -> m[at] = m[random.nextInt(m.length)];
      }
    }
    return m;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
