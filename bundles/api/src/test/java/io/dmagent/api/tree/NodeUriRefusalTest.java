package io.dmagent.api.tree;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A malformed URI from a server is refused with a message fit for a log line. */
class NodeUriRefusalTest {
  @Test
  void control_characters_in_a_refused_uri_are_escaped_visibly() {
    assertThatThrownBy(() -> NodeUri.parse("./A/b\nINFO forged"))
        .isInstanceOf(DmException.class)
        .hasMessageEndingWith("illegal character in node URI './A/b\\nINFO forged'")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void a_huge_refused_uri_is_cut() {
    assertThatThrownBy(() -> NodeUri.parse("./" + "a".repeat(100_000) + "/"))
        .isInstanceOf(DmException.class)
        .hasMessageEndingWith("...(+99883 chars)'");
  }
}
