package io.dmagent.pushmqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushFrameTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void framed_payload_splits_into_content_type_and_body() throws Exception {
    PushFrame frame =
        PushFrame.parse(ascii("Content-Type: application/vnd.syncml.dm+wbxml\r\n\r\n\u0002\r\n"));

    assertThat(frame.contentType()).isEqualTo("application/vnd.syncml.dm+wbxml");
    assertThat(frame.body()).containsExactly(2, '\r', '\n');
  }

  @Test
  void header_name_is_case_insensitive_and_an_empty_body_is_kept() throws Exception {
    PushFrame frame = PushFrame.parse(ascii("content-TYPE:text/x-a\r\n\r\n"));

    assertThat(frame.contentType()).isEqualTo("text/x-a");
    assertThat(frame.body()).isEmpty();
  }

  @Test
  void bare_payload_is_a_dm12_notification() throws Exception {
    byte[] bare = {(byte) 0xA1, 0x02, 'C', 'o'};

    PushFrame frame = PushFrame.parse(bare);

    assertThat(frame.contentType()).isEqualTo("application/vnd.syncml.notification");
    assertThat(frame.body()).isEqualTo(bare);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Type: text/x-a\r\nbody",
        "Content-Type: text/x-a\r\n",
        "Content-Type: text/x-a",
        "Content-Type:   \r\n\r\nbody",
        "Content-Type: text/\u00e9\r\n\r\nbody",
        "Content-Type: text/x\na\r\n\r\nbody"
      })
  void malformed_header_is_refused(String payload) {
    assertThatThrownBy(() -> PushFrame.parse(ascii(payload)))
        .isInstanceOf(PushFrame.MalformedFrameException.class);
  }

  @Test
  void header_line_longer_than_the_bound_is_refused() {
    String longType = "text/" + "x".repeat(PushFrame.MAX_HEADER_LINE);

    assertThatThrownBy(() -> PushFrame.parse(ascii("Content-Type: " + longType + "\r\n\r\n")))
        .isInstanceOf(PushFrame.MalformedFrameException.class)
        .hasMessageContaining("without CRLF");
  }
}
