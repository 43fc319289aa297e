package io.dmagent.codec.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.tree.DmException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A refusal of a DDF or TNDS document names what the document wrote (a node, an element), and its
 * message goes into a log line: control characters come out escaped and a huge name cut.
 */
class RefusalTextTest {
  private final DdfTndsCodec codec = new DdfTndsCodec();

  private DmException refusal(String xml) {
    return catchThrowableOfType(
        () -> codec.readTnds(xml.getBytes(StandardCharsets.UTF_8), Encoding.XML),
        DmException.class);
  }

  @Test
  void a_node_name_with_control_characters_is_escaped_in_the_refusal() {
    DmException e =
        refusal(
            "<MgmtTree><VerDTD>1.2</VerDTD><Node><NodeName>a&#10;forged&#13;\u0085</NodeName>"
                + "<RTProperties><Format><node/></Format></RTProperties><Value>x</Value>"
                + "</Node></MgmtTree>");

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("a\\nforged\\r\\u0085")
        .doesNotContain("\n", "\r", "\u0085");
  }

  @Test
  void a_megabyte_element_name_is_cut_in_the_refusal() {
    DmException e =
        refusal("<MgmtTree><VerDTD>1.2</VerDTD><" + "X".repeat(1_000_000) + "/></MgmtTree>");

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).hasSizeLessThan(Refusals.MAX_MESSAGE + 40);
  }
}
