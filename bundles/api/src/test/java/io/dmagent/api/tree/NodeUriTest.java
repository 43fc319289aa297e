package io.dmagent.api.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeUriTest {

  @Test
  void relative_and_dot_slash_forms_name_the_same_node() throws Exception {
    NodeUri relative = NodeUri.parse("DevInfo/DevId");
    NodeUri absolute = NodeUri.parse("./DevInfo/DevId");

    assertThat(relative).isEqualTo(absolute).hasSameHashCodeAs(absolute);
    assertThat(relative.toString()).isEqualTo("./DevInfo/DevId");
    assertThat(relative.segments()).containsExactly("DevInfo", "DevId");
  }

  @Test
  void the_root_is_a_dot_without_name_or_parent() throws Exception {
    assertThat(NodeUri.parse(".")).isSameAs(NodeUri.ROOT);
    assertThat(NodeUri.ROOT.isRoot()).isTrue();
    assertThat(NodeUri.ROOT.depth()).isZero();
    assertThat(NodeUri.ROOT.name()).isEqualTo(".");
    assertThat(NodeUri.ROOT.toString()).isEqualTo(".");
    assertThatThrownBy(NodeUri.ROOT::parent).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "./",
        "/A",
        "A/",
        "A//B",
        "./A/../B",
        "./A/./B",
        "A?prop=ACL",
        "A#frag",
        "A\nB",
        "A\u007fB"
      })
  void malformed_uris_answer_400(String uri) {
    assertThatThrownBy(() -> NodeUri.parse(uri))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void a_null_uri_answers_400() {
    assertThatThrownBy(() -> NodeUri.parse(null))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void control_characters_never_reach_the_message() {
    assertThatThrownBy(() -> NodeUri.parse("A/\r\nFAKE LOG LINE/"))
        .isInstanceOf(DmException.class)
        .message()
        .doesNotContain("\r", "\n");
  }

  @Test
  void of_turns_a_malformed_uri_into_a_programming_error() {
    assertThatThrownBy(() -> NodeUri.of("A//B")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parent_child_and_name_walk_the_path() throws Exception {
    NodeUri uri = NodeUri.of("./DMAcc/srv1/AppAddr");

    assertThat(uri.name()).isEqualTo("AppAddr");
    assertThat(uri.depth()).isEqualTo(3);
    assertThat(uri.parent()).isEqualTo(NodeUri.of("./DMAcc/srv1"));
    assertThat(uri.parent().child("AppAddr")).isEqualTo(uri);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "A/B", "A?B"})
  void a_child_name_must_be_one_segment(String name) {
    assertThatThrownBy(() -> NodeUri.of("./A").child(name))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void resolve_appends_a_relative_path_as_tnds_writes_it() throws Exception {
    assertThat(NodeUri.of("./Vendor").resolve("Sensor/1/Value"))
        .isEqualTo(NodeUri.of("./Vendor/Sensor/1/Value"));
    assertThat(NodeUri.ROOT.resolve("./DevInfo")).isEqualTo(NodeUri.of("./DevInfo"));
  }

  @Test
  void ancestry_compares_whole_segments_not_text_prefixes() {
    NodeUri a = NodeUri.of("./DMAcc/srv1");

    assertThat(a.isAncestorOrSelfOf(a)).isTrue();
    assertThat(a.isAncestorOrSelfOf(NodeUri.of("./DMAcc/srv1/AppAddr"))).isTrue();
    assertThat(a.isAncestorOrSelfOf(NodeUri.of("./DMAcc/srv10"))).isFalse();
    assertThat(NodeUri.ROOT.isAncestorOrSelfOf(a)).isTrue();
    assertThat(a.relativeTo(NodeUri.of("./DMAcc"))).containsExactly("srv1");
    assertThatThrownBy(() -> a.relativeTo(NodeUri.of("./DevInfo")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void order_is_parent_first_then_by_segment() {
    List<NodeUri> uris =
        new ArrayList<>(
            List.of(
                NodeUri.of("./B"),
                NodeUri.of("./A/B"),
                NodeUri.ROOT,
                NodeUri.of("./A"),
                NodeUri.of("./AA")));

    uris.sort(null);

    assertThat(uris)
        .containsExactly(
            NodeUri.ROOT,
            NodeUri.of("./A"),
            NodeUri.of("./A/B"),
            NodeUri.of("./AA"),
            NodeUri.of("./B"));
  }
}
