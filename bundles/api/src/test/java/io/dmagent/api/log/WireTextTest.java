package io.dmagent.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WireTextTest {

  @Test
  void a_newline_cannot_start_a_forged_log_line() {
    String devId = "IMEI:1\n2026-03-01T10:15:30.412Z ERROR io.dmagent.protocol: forged";

    assertThat(WireText.quote(devId)).doesNotContain("\n").startsWith("'IMEI:1\\n2026");
  }

  @Test
  void control_characters_and_line_separators_are_escaped_visibly() {
    assertThat(WireText.quote("a\rb\tc\u0001d\u001b[2Je\u0085f\u2028g\u007f"))
        .isEqualTo("'a\\rb\\tc\\u0001d\\u001b[2Je\\u0085f\\u2028g\\u007f'");
  }

  @Test
  void a_backslash_is_doubled_so_an_escape_is_never_ambiguous() {
    assertThat(WireText.quote("a\\nb")).isEqualTo("'a\\\\nb'");
  }

  @Test
  void a_long_value_is_cut_and_says_how_much_was_left_out() {
    String name = "x".repeat(1_000_101);

    String quoted = WireText.quote(name);

    assertThat(quoted).hasSizeLessThan(WireText.DEFAULT_MAX + 40).endsWith("...(+999981 chars)'");
  }

  @Test
  void surrogate_pairs_stay_and_lone_surrogates_are_escaped() {
    assertThat(WireText.quote("\uD83D\uDE00")).isEqualTo("'\uD83D\uDE00'");
    assertThat(WireText.quote("a\uD800b")).isEqualTo("'a\\ud800b'");
  }

  @Test
  void null_and_plain_values() {
    assertThat(WireText.quote(null)).isEqualTo("null");
    assertThat(WireText.escape("./DevInfo/DevId", 5)).isEqualTo("./Dev...(+10 chars)");
  }
}
