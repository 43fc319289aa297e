package io.dmagent.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueInputTest {
  @Test
  void a_text_value_keeps_its_format_and_type() throws Exception {
    NodeValue v = ValueInput.value("42", ValueInput.format("INT"), "text/plain");

    assertThat(v).isEqualTo(NodeValue.of("42", NodeFormat.INT));
  }

  @Test
  void a_bin_value_is_given_in_base64_and_stored_decoded() throws Exception {
    NodeValue v = ValueInput.value("AQID/w==", NodeFormat.BIN, "application/octet-stream");

    assertThat(v.data()).containsExactly(1, 2, 3, 0xff);
    assertThat(v.type()).isEqualTo("application/octet-stream");
  }

  @Test
  void a_b64_value_travels_as_base64_text_for_the_tree_to_decode() throws Exception {
    NodeValue v = ValueInput.value("AQID", NodeFormat.B64, null);

    assertThat(new String(v.data(), StandardCharsets.US_ASCII)).isEqualTo("AQID");
    assertThat(v.format()).isEqualTo(NodeFormat.B64);
  }

  @Test
  void a_bin_value_that_is_not_base64_is_refused_with_415() {
    assertThatThrownBy(() -> ValueInput.value("not base64!", NodeFormat.BIN, null))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT));
  }

  @Test
  void an_unknown_format_or_node_is_refused_with_415_naming_the_choices() {
    assertThatThrownBy(() -> ValueInput.format("string"))
        .isInstanceOf(DmException.class)
        .hasMessageContaining("chr, int");
    assertThatThrownBy(() -> ValueInput.format("node"))
        .isInstanceOf(DmException.class)
        .hasMessageContaining("dm:add-node");
  }
}
