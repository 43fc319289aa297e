package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broken and hostile messages: each is refused with the status that answers it and nothing but a
 * {@link MessageFormatException}, whose text names no value. The timeout only guards against hangs.
 */
class HostileMessageTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);
  private static final int MAX = 1 << 20;
  private final SyncMlCodec codec = new SyncMlCodec();

  /** A daemon thread: a decode that hangs must not keep the test JVM from exiting. */
  private final ExecutorService decoder =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hostile-decode");
            t.setDaemon(true);
            return t;
          });

  private static final String HEADER =
      "<SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1</SessionID>"
          + "<MsgID>1</MsgID><Target><LocURI>dev</LocURI></Target>"
          + "<Source><LocURI>srv</LocURI></Source></SyncHdr>";

  static String xml(String body) {
    return "<SyncML xmlns=\"SYNCML:SYNCML1.2\">"
        + HEADER
        + "<SyncBody>"
        + body
        + "<Final/></SyncBody></SyncML>";
  }

  private MessageFormatException refusal(byte[] message, Encoding encoding, int maxSize) {
    return assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          try {
            codec.decode(message, encoding, maxSize);
          } catch (MessageFormatException e) {
            return e;
          }
          return fail("accepted");
        });
  }

  private MessageFormatException xmlRefusal(String message) {
    return refusal(message.getBytes(StandardCharsets.UTF_8), Encoding.XML, MAX);
  }

  private MessageFormatException wbxmlRefusal(byte[] message) {
    return refusal(message, Encoding.WBXML, MAX);
  }

  @Test
  void a_billion_laughs_doctype_is_refused() {
    String lol =
        "<?xml version=\"1.0\"?><!DOCTYPE SyncML [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + xml(
                "<Alert><CmdID>1</CmdID><Data>1201</Data><Item><Data>&lol3;</Data></Item></Alert>");

    MessageFormatException e = xmlRefusal(lol);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("DOCTYPE with an internal subset");
  }

  @Test
  void an_external_entity_is_refused_and_never_read() {
    String xxe =
        "<!DOCTYPE SyncML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + xml(
                "<Alert><CmdID>1</CmdID><Data>1201</Data><Item><Data>&xxe;</Data></Item></Alert>");

    MessageFormatException e = xmlRefusal(xxe);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).doesNotContain("root:");
  }

  @Test
  void an_undeclared_entity_is_an_error_not_a_lookup() {
    MessageFormatException e =
        xmlRefusal(
            xml("<Alert><CmdID>1</CmdID><Data>1201</Data><Item><Data>&xxe;</Data></Item></Alert>"));

    assertThat(e.status()).isEqualTo(400);
  }

  @Test
  void the_dtd_a_doctype_names_is_never_fetched() throws Exception {
    // Port 9 (discard) on loopback: a fetch would fail or hang; decoding succeeds without one.
    String doc =
        "<!DOCTYPE SyncML PUBLIC \"-//SYNCML//DTD SyncML 1.2//EN\" \"http://127.0.0.1:9/s.dtd\">"
            + xml("<Alert><CmdID>1</CmdID><Data>1201</Data></Alert>");

    SyncMessage m =
        assertTimeoutPreemptively(
            HANG_GUARD,
            () -> codec.decode(doc.getBytes(StandardCharsets.UTF_8), Encoding.XML, MAX));

    assertThat(m.commands()).hasSize(1);
  }

  @Test
  void ten_thousand_nested_xml_elements_are_too_large_without_overflowing_the_stack() {
    String deep = xml("<Atomic><CmdID>1</CmdID>".repeat(10_000));
    String deepData = xml("<Replace><CmdID>1</CmdID><Item><Data>" + "<Node>".repeat(10_000));

    assertThat(xmlRefusal(deep).status()).isEqualTo(413);
    assertThat(xmlRefusal(deepData).status()).isEqualTo(413);
  }

  @Test
  void ten_thousand_nested_wbxml_elements_are_too_large_without_overflowing_the_stack() {
    WbxmlMessage deep = WbxmlMessage.syncMl12().headerAndBody();
    for (int i = 0; i < 10_000; i++) {
      deep.open(Tag.ATOMIC).text(Tag.CMD_ID, "1");
    }
    WbxmlMessage deepData =
        WbxmlMessage.syncMl12()
            .headerAndBody()
            .open(Tag.ADD)
            .text(Tag.CMD_ID, "1")
            .open(Tag.ITEM)
            .open(Tag.DATA);
    for (int i = 0; i < 10_000; i++) {
      deepData.ddf(0x24, true); // Node
    }

    assertThat(wbxmlRefusal(deep.build()).status()).isEqualTo(413);
    assertThat(wbxmlRefusal(deepData.build()).status()).isEqualTo(413);
  }

  @Test
  void an_element_with_eighty_thousand_attributes_is_too_large_at_once() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 80_000; i++) {
      attributes.append(" a").append(i).append("=\"v\"");
    }

    MessageFormatException e =
        xmlRefusal(xml("<Alert" + attributes + "><CmdID>1</CmdID><Data>1201</Data></Alert>"));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).startsWith("more than 64 attributes on one element");
  }

  @Test
  void string_table_references_cannot_multiply_a_message_beyond_a_linear_bound() {
    // The table holds the FPI (30 bytes with its NUL), "f:x" at 30 and 60,000 characters at 34;
    // each skipped literal element references them in 5 bytes.
    WbxmlMessage m =
        WbxmlMessage.syncMl12("f:x", "x".repeat(60_000)).open(Tag.SYNC_ML).open(Tag.SYNC_HDR);
    for (int i = 0; i < 1000; i++) {
      m.bytes(WbxmlMessage.LITERAL | WbxmlMessage.CONTENT, 30, WbxmlMessage.STR_T, 34);
      m.end();
    }

    MessageFormatException e = wbxmlRefusal(m.end().end().build());

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).startsWith("WBXML string references produce more than 8 characters");
  }

  @Test
  void a_declared_opaque_of_100_mb_is_refused_at_once() {
    byte[] message =
        WbxmlMessage.syncMl12()
            .headerAndBody()
            .open(Tag.REPLACE)
            .text(Tag.CMD_ID, "1")
            .open(Tag.ITEM)
            .open(Tag.DATA)
            .bytes(WbxmlMessage.OPAQUE)
            .mbUint(100_000_000)
            .bytes(1, 2, 3)
            .build();

    MessageFormatException e = wbxmlRefusal(message);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("OPAQUE of 100000000 bytes overruns the message");
  }

  @Test
  void an_opaque_over_the_configured_bound_is_too_large() {
    SyncMlCodec small = new SyncMlCodec(new MessageLimits(64, 1000, 1000, 16));
    byte[] message =
        WbxmlMessage.syncMl12()
            .headerAndBody()
            .open(Tag.REPLACE)
            .text(Tag.CMD_ID, "1")
            .open(Tag.ITEM)
            .open(Tag.DATA)
            .opaque(new byte[17])
            .end()
            .end()
            .end()
            .finish()
            .build();

    assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> status(small, message, Encoding.WBXML)))
        .isEqualTo(413);
  }

  @Test
  void a_string_table_longer_than_the_message_is_refused() {
    byte[] message =
        WbxmlMessage.raw(0x02, 0x00, 0x00, 0x6A).mbUint(100_000_000).bytes(0x2D).build();

    assertThat(wbxmlRefusal(message).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_message_over_max_msg_size_is_refused_before_it_is_parsed(Encoding encoding) {
    byte[] garbage = new byte[5000];
    Arrays.fill(garbage, (byte) 0xFF);
    byte[] real = codec.encode(Messages.messages().get("everything"), encoding);

    assertThat(refusal(garbage, encoding, 4999).status()).isEqualTo(413);
    assertThat(refusal(real, encoding, real.length - 1).status()).isEqualTo(413);
    assertThat(refusal(real, encoding, real.length - 1).getMessage())
        .isEqualTo("message of " + real.length + " bytes exceeds MaxMsgSize " + (real.length - 1));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void every_truncation_of_a_message_is_a_bad_request(Encoding encoding) throws Exception {
    byte[] whole = codec.encode(Messages.messages().get("everything"), encoding);

    eachGuarded(
        whole.length,
        length -> {
          byte[] cut = Arrays.copyOf(whole, length);
          assertThat(status(codec, cut, encoding)).as("first %d bytes", length).isEqualTo(400);
        });
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void random_garbage_is_a_bad_request(Encoding encoding) throws Exception {
    Random random = new Random(11);
    eachGuarded(
        2000,
        i -> {
          byte[] garbage = new byte[1 + random.nextInt(600)];
          random.nextBytes(garbage);
          assertThat(status(codec, garbage, encoding)).isIn(400, 413, 415);
        });
  }

  @ParameterizedTest
  @CsvSource({"0x0B, WML 1.3", "0x1202, MetInf 1.2", "0x1203, DevInf 1.2", "0x0FD2, DevInf 1.0"})
  void a_public_id_that_is_not_syncml_is_an_unsupported_media_type(String publicId, String what) {
    byte[] message =
        WbxmlMessage.raw(0x02)
            .mbUint(Integer.decode(publicId))
            .bytes(0x6A, 0x00)
            .headerAndBody()
            .finish()
            .build();

    MessageFormatException e = wbxmlRefusal(message);

    assertThat(e.status()).as(what).isEqualTo(415);
  }

  @Test
  void an_fpi_that_is_not_syncml_is_an_unsupported_media_type() {
    byte[] wml =
        WbxmlMessage.withTable(0x02, "-//WAPFORUM//DTD WML 1.1//EN")
            .headerAndBody()
            .finish()
            .build();
    byte[] ddf =
        WbxmlMessage.withTable(0x02, "-//OMA//DTD-DM-DDF 1.2//EN").headerAndBody().finish().build();

    assertThat(wbxmlRefusal(wml).status()).isEqualTo(415);
    assertThat(wbxmlRefusal(ddf).status()).isEqualTo(415);
  }

  @Test
  void a_client_provisioning_document_is_not_a_dm_message() {
    assertThat(wbxmlRefusal(Vectors.shared("libwbxml-derived/omadm.wbxml")).status())
        .isEqualTo(415);
  }

  @ParameterizedTest
  @CsvSource({"4, ISO-8859-1", "3, US-ASCII", "1015, UTF-16", "0, unknown"})
  void a_charset_other_than_utf_8_is_an_unsupported_media_type(int mib, String name) {
    byte[] real =
        WbxmlMessage.raw(0x02)
            .mbUint(0x1201)
            .mbUint(mib)
            .bytes(0x00)
            .headerAndBody()
            .finish()
            .build();

    MessageFormatException e = wbxmlRefusal(real);

    assertThat(e.status()).as(name).isEqualTo(415);
    assertThat(e.getMessage()).isEqualTo("WBXML charset " + mib + " (only UTF-8, 106)");
  }

  @Test
  void a_wbxml_version_other_than_1_x_is_refused() {
    byte[] message = WbxmlMessage.raw(0x10, 0x00, 0x00, 0x6A, 0x00).build();

    assertThat(wbxmlRefusal(message).getMessage()).isEqualTo("WBXML version 2.0 is not 1.x");
  }

  @ParameterizedTest
  @CsvSource({
    "0xED, WBXML attributes (SyncML and DM DDF have none)",
    "0x43, WBXML processing instruction (SyncML and DM DDF have none)",
    "0x40, WBXML extension token 0x40 (SyncML and DM DDF use none)",
    "0xC0, WBXML extension token 0xc0 (SyncML and DM DDF use none)",
    "0x70, unknown element WBXML token 0x30 on page 0 in SyncML"
  })
  void tokens_syncml_does_not_use_are_refused(String token, String reason) {
    byte[] message =
        WbxmlMessage.syncMl12().open(Tag.SYNC_ML).bytes(Integer.decode(token)).end().end().build();

    MessageFormatException e = wbxmlRefusal(message);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(reason);
  }

  @Test
  void broken_wbxml_strings_are_refused() {
    byte[] noNul =
        WbxmlMessage.syncMl12()
            .open(Tag.SYNC_ML)
            .open(Tag.SYNC_HDR)
            .open(Tag.VER_DTD)
            .bytes(0x03, '1')
            .build();
    byte[] badTable =
        WbxmlMessage.syncMl12()
            .open(Tag.SYNC_ML)
            .open(Tag.SYNC_HDR)
            .open(Tag.VER_DTD)
            .bytes(0x83, 0x7F)
            .build();
    byte[] notUtf8 =
        WbxmlMessage.syncMl12()
            .open(Tag.SYNC_ML)
            .open(Tag.SYNC_HDR)
            .open(Tag.VER_DTD)
            .bytes(0x03, 0xC3, 0x28, 0x00)
            .build();
    byte[] badEntity =
        WbxmlMessage.syncMl12()
            .open(Tag.SYNC_ML)
            .open(Tag.SYNC_HDR)
            .open(Tag.VER_DTD)
            .bytes(0x02, 0x8F, 0xFF, 0xFF, 0x7F)
            .build();

    assertThat(wbxmlRefusal(noNul).getMessage())
        .isEqualTo("the message ends inside an inline string");
    assertThat(wbxmlRefusal(badTable).getMessage())
        .isEqualTo("WBXML string reference outside the string table");
    assertThat(wbxmlRefusal(notUtf8).getMessage()).isEqualTo("a WBXML string is not UTF-8");
    assertThat(wbxmlRefusal(badEntity).getMessage()).isEqualTo("WBXML entity is no character");
  }

  @Test
  void structure_errors_in_wbxml_are_refused() {
    byte[] strayEnd = WbxmlMessage.syncMl12().headerAndBody().finish().end().build();
    byte[] twoRoots =
        WbxmlMessage.syncMl12().headerAndBody().finish().open(Tag.SYNC_ML).end().build();
    byte[] textOutside = WbxmlMessage.syncMl12().str("x").build();

    assertThat(wbxmlRefusal(strayEnd).getMessage()).isEqualTo("WBXML END without an open element");
    assertThat(wbxmlRefusal(twoRoots).getMessage()).isEqualTo("content after the root element");
    assertThat(wbxmlRefusal(textOutside).getMessage())
        .isEqualTo("content outside the root element");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<VerDTD>1.2</VerDTD>|| <VerDTD> missing in SyncML/SyncHdr",
        "<SessionID>1</SessionID>|| <SessionID> missing in SyncML/SyncHdr",
        "<MsgID>1</MsgID>|| <MsgID> missing in SyncML/SyncHdr",
        "<Target><LocURI>dev</LocURI></Target>|| <Target> missing in SyncML/SyncHdr",
        "<LocURI>srv</LocURI>|| <LocURI> missing in SyncML/SyncHdr/Source",
        "<VerProto>DM/1.2</VerProto>|| <VerProto> missing in SyncML/SyncHdr",
        "<Source><LocURI>srv</LocURI></Source>|<Source><LocURI>srv</LocURI></Source><Source><LocURI>x</LocURI></Source>| <Source> twice in SyncML/SyncHdr"
      })
  void a_header_without_a_mandatory_element_names_it(
      String remove, String replacement, String reason) {
    String message = xml("").replace(remove, replacement == null ? "" : replacement);

    MessageFormatException e = xmlRefusal(message);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(reason.strip());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<Get><Item><Target><LocURI>./a</LocURI></Target></Item></Get>| <CmdID> missing in SyncML/SyncBody/Get",
        "<Alert><CmdID>1</CmdID></Alert>| <Data> missing in SyncML/SyncBody/Alert",
        "<Alert><CmdID>1</CmdID><Data>12o1</Data></Alert>| <Data> is not a number, in SyncML/SyncBody/Alert",
        "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Data>200</Data></Status>| <Cmd> missing in SyncML/SyncBody/Status",
        "<Exec><CmdID>1</CmdID></Exec>| <Item> missing in SyncML/SyncBody/Exec",
        "<Results><CmdID>1</CmdID><Item/></Results>| <CmdRef> missing in SyncML/SyncBody/Results",
        "<Sequence><CmdID>1</CmdID><Get><Item/></Get></Sequence>| <CmdID> missing in SyncML/SyncBody/Sequence/Get",
        "<Item><Data>x</Data></Item>| <Item> is not a command, in SyncML/SyncBody",
        "<Get><CmdID>1</CmdID><Item><Target><LocName>n</LocName></Target></Item></Get>| <LocURI> missing in SyncML/SyncBody/Get/Item/Target",
        "<Get><CmdID>1</CmdID><Bogus/></Get>| unknown element <Bogus> in SyncML/SyncBody/Get",
        "<Replace><CmdID>1</CmdID><Item><Meta><Size xmlns='syncml:metinf'>big</Size></Meta></Item></Replace>| <Size> is not a number, in SyncML/SyncBody/Replace/Item/Meta",
        "<Replace><CmdID>1</CmdID><Item><Data>a<Node/></Data></Item></Replace>| an element mixed with text or opaque data in SyncML/SyncBody/Replace/Item/Data",
        "<Replace><CmdID>1</CmdID><Item><Data><Node/><Node/></Data></Item></Replace>| more than one element inside SyncML/SyncBody/Replace/Item/Data",
        "<Replace><CmdID>1</CmdID><Item><Data><MgmtTree><Bogus/></MgmtTree></Data></Item></Replace>| <Bogus> is no DM DDF element, in markup inside SyncML/SyncBody/Replace/Item/Data/MgmtTree"
      })
  void a_command_without_a_mandatory_element_names_it(String body, String reason) {
    MessageFormatException e = xmlRefusal(xml(body));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo(reason.strip());
  }

  @Test
  void no_refusal_quotes_a_credential_or_a_value() {
    String secret = "U2VjcmV0OlBhc3N3b3Jk";
    String[] broken = {
      xml("").replace("</SyncHdr>", "<Cred><Data>" + secret + "&bogus;</Data></Cred></SyncHdr>"),
      xml("")
          .replace(
              "</SyncHdr>",
              "<Cred><Data>" + secret + "</Data></Cred><Cred><Data>x</Data></Cred></SyncHdr>"),
      xml("<Alert><CmdID>1</CmdID><Data>" + secret + "</Data></Alert>"),
      xml(
          "<Replace><CmdID>1</CmdID><Item><Meta><Size xmlns='syncml:metinf'>"
              + secret
              + "</Size></Meta></Item></Replace>"),
      xml("<Replace><CmdID>1</CmdID><Item><Data>" + secret + "<</Data></Item></Replace>"),
      xml("").replace("</SyncHdr>", "<Cred><Data>" + secret + "</Cred></SyncHdr>")
    };

    for (String message : broken) {
      MessageFormatException e = xmlRefusal(message);
      assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(secret.substring(0, 8));
      assertThat(e.getCause()).isNull();
    }
  }

  @Test
  void too_many_elements_or_too_long_a_text_is_too_large() {
    SyncMlCodec small = new SyncMlCodec(new MessageLimits(64, 50, 100, 100));
    byte[] many =
        xml("<Get><CmdID>1</CmdID><Item/></Get>".repeat(20)).getBytes(StandardCharsets.UTF_8);
    byte[] longText =
        xml("<Replace><CmdID>1</CmdID><Item><Data>" + "x".repeat(101) + "</Data></Item></Replace>")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(status(small, many, Encoding.XML)).isEqualTo(413);
    assertThat(status(small, longText, Encoding.XML)).isEqualTo(413);
  }

  @Test
  void configured_depths_are_bounded_so_recursion_stays_shallow() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MessageLimits(100_000, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Runs {@code count} decodes on the test's decoding thread under the hang guard, which fails the
   * test when one decode does not end within it (no progress in a whole guard period), not when
   * thousands of them together take longer: the guard is there for a decoder that hangs, and their
   * sum grows with the machine's load (it passed 20 s when several builds shared two cores).
   */
  private void eachGuarded(int count, IntConsumer decode) throws Exception {
    AtomicInteger done = new AtomicInteger();
    Future<?> all =
        decoder.submit(
            () -> {
              for (int i = 0; i < count; i++) {
                decode.accept(i);
                done.incrementAndGet();
              }
            });
    int seen = -1;
    while (true) {
      try {
        all.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        if (done.get() == seen) {
          all.cancel(true);
          fail("decode " + seen + " did not end within the hang guard of " + HANG_GUARD);
        }
        seen = done.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error; // an assertion about a decode is the test's own failure
        }
        throw e;
      }
    }
  }

  @AfterEach
  void stopDecoder() {
    decoder.shutdownNow();
  }

  private static int status(SyncMlCodec codec, byte[] message, Encoding encoding) {
    try {
      codec.decode(message, encoding, MAX);
      return 200;
    } catch (MessageFormatException e) {
      assertThat(e.getMessage()).doesNotContain("internal error");
      return e.status();
    }
  }
}
