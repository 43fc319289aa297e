package io.dmagent.api.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.TreeQuery.Kind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TreeQueryTest {

  @Test
  void a_plain_uri_targets_the_node() throws Exception {
    TreeQuery q = TreeQuery.parse("DevInfo/DevId");

    assertThat(q.kind()).isEqualTo(Kind.NODE);
    assertThat(q.uri()).isEqualTo(NodeUri.of("./DevInfo/DevId"));
  }

  @ParameterizedTest
  @CsvSource({"./DMAcc/x?prop=ACL, ACL", "./DMAcc/x?prop=TStamp, TSTAMP", ".?prop=Name, NAME"})
  void prop_targets_a_property(String target, NodeProperty property) throws Exception {
    TreeQuery q = TreeQuery.parse(target);

    assertThat(q.kind()).isEqualTo(Kind.PROPERTY);
    assertThat(q.property()).contains(property);
  }

  @ParameterizedTest
  @CsvSource({"./A?list=Struct, STRUCT", "./A?list=StructData, STRUCT_DATA", "./A?list=TNDS, TNDS"})
  void list_targets_a_structure_query(String target, Kind kind) throws Exception {
    assertThat(TreeQuery.parse(target).kind()).isEqualTo(kind);
  }

  @Test
  void tnds_lists_carry_their_property_selection() throws Exception {
    TndsSelection only = TreeQuery.parse("./A?list=TNDS+ACL+Value").tnds().orElseThrow();
    TndsSelection but = TreeQuery.parse("./A?list=TNDS-Format").tnds().orElseThrow();

    assertThat(only.properties()).containsExactly(NodeProperty.ACL);
    assertThat(only.includeValue()).isTrue();
    assertThat(but.properties()).isEqualTo(EnumSet.complementOf(EnumSet.of(NodeProperty.FORMAT)));
    assertThat(but.includeValue()).isTrue();
  }

  @Test
  void moid_asks_for_every_location_of_an_mo_below_the_node() throws Exception {
    TreeQuery q = TreeQuery.parse(".?moid=urn:oma:mo:oma-dm-dmacc:1.1");

    assertThat(q.kind()).isEqualTo(Kind.MO_LOCATIONS);
    assertThat(q.uri()).isEqualTo(NodeUri.ROOT);
    assertThat(q.moId()).contains("urn:oma:mo:oma-dm-dmacc:1.1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "./A?prop=Colour",
        "./A?list=Tree",
        "./A?list=TNDS+ACL-Format",
        "./A?x=1",
        "./A?moid="
      })
  void unknown_queries_answer_406(String target) {
    assertThatThrownBy(() -> TreeQuery.parse(target))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"./A/../B?list=Struct", "./A//B", "./A/", "/A?prop=ACL"})
  void malformed_uris_answer_400(String target) {
    assertThatThrownBy(() -> TreeQuery.parse(target))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void a_missing_target_answers_400() {
    assertThatThrownBy(() -> TreeQuery.parse(null))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void node_builds_the_plain_node_query() {
    TreeQuery q = TreeQuery.node(NodeUri.of("./A"));

    assertThat(q.kind()).isEqualTo(Kind.NODE);
    assertThat(q.property()).isEmpty();
    assertThat(q.tnds()).isEmpty();
    assertThat(q.moId()).isEmpty();
  }
}
