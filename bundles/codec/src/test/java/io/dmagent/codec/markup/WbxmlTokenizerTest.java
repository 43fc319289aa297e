package io.dmagent.codec.markup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WbxmlTokenizerTest {
  private static final TokenLimits LIMITS = TokenLimits.defaults();

  /** Version 1.2, public id 1, UTF-8, {@code table} as the string table, then {@code body}. */
  private static byte[] document(String table, int... body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] t = table.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(new byte[] {0x02, 0x01, 0x6A});
    mbUint(out, t.length);
    out.writeBytes(t);
    for (int b : body) {
      out.write(b);
    }
    return out.toByteArray();
  }

  private static void mbUint(ByteArrayOutputStream out, int value) {
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write(0x80 | ((value >>> shift) & 0x7F));
    }
    out.write(value & 0x7F);
  }

  private static WbxmlTokenizer tokenizer(byte[] doc, WorkMeter work) throws MarkupException {
    return new WbxmlTokenizer(
        doc, WbxmlTokenizer.prologue(doc, "document"), "document", LIMITS, work);
  }

  private static MarkupException drain(byte[] doc, WorkMeter work) {
    return assertThrows(
        MarkupException.class,
        () -> {
          WbxmlTokenizer t = tokenizer(doc, work);
          while (t.next() != WbxmlTokenizer.Event.END_OF_DOCUMENT) {
            // on to the refusal
          }
        });
  }

  @Test
  void a_table_string_is_decoded_once_however_often_it_is_referenced() throws Exception {
    String big = "x".repeat(1000);
    int[] body = new int[1 + 2 * 50 + 1];
    body[0] = 0x45; // a tag with content
    for (int i = 0; i < 50; i++) {
      body[1 + 2 * i] = 0x83; // STR_T of index 0
      body[2 + 2 * i] = 0;
    }
    body[body.length - 1] = 0x01;
    WorkMeter work = new WorkMeter();
    WbxmlTokenizer t = tokenizer(document(big + "\0", body), work);

    t.next();
    t.next();
    String first = t.text();
    for (int i = 1; i < 50; i++) {
      assertThat(t.next()).isEqualTo(WbxmlTokenizer.Event.TEXT);
      assertThat(t.text()).isSameAs(first);
    }

    // The table passed with the header, then its string scanned and decoded once (1000 + 1000
    // steps), then each reference counted at its length; decoding per reference would add 100,000.
    assertThat(work.steps()).isLessThan(3 * 1000 + 50 * 1000 + 500);
  }

  @Test
  void references_may_not_produce_more_than_the_expansion_bound() {
    String big = "x".repeat(60_000);
    int refs = (int) ((8L * 70_000 + TokenLimits.EXPANSION_ALLOWANCE) / 60_000) + 2;
    int[] body = new int[1 + 2 * refs];
    body[0] = 0x45;
    for (int i = 0; i < refs; i++) {
      body[1 + 2 * i] = 0x83;
      body[2 + 2 * i] = 0;
    }

    MarkupException e = drain(document(big + "\0", body), new WorkMeter());

    assertThat(e.kind()).isEqualTo(MarkupException.Kind.TOO_LARGE);
    assertThat(e.getMessage()).startsWith("WBXML string references produce more than 8 characters");
  }

  @Test
  void tokens_neither_syncml_nor_dm_ddf_uses_are_malformed() {
    for (int[] body : new int[][] {{0xC5, 0x01}, {0x45, 0x43}, {0x45, 0x80, 0x01}}) {
      assertThat(drain(document("", body), new WorkMeter()).kind())
          .isEqualTo(MarkupException.Kind.MALFORMED);
    }
  }

  @Test
  void a_literal_name_longer_than_the_bound_is_too_large() {
    MarkupException e = drain(document("n".repeat(300) + "\0", 0x04, 0x00), new WorkMeter());

    assertThat(e.kind()).isEqualTo(MarkupException.Kind.TOO_LARGE);
  }
}
