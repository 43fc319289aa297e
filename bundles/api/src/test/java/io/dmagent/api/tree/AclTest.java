package io.dmagent.api.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AclTest {

  @Test
  void parses_the_tnd_grammar_and_answers_per_server() throws Exception {
    Acl acl = Acl.parse("Add=srv1&Get=*&Replace=srv1+srv2");

    assertThat(acl.allows(AclRight.ADD, "srv1")).isTrue();
    assertThat(acl.allows(AclRight.ADD, "srv2")).isFalse();
    assertThat(acl.allows(AclRight.GET, "anyone")).isTrue();
    assertThat(acl.allows(AclRight.REPLACE, "srv2")).isTrue();
    assertThat(acl.allows(AclRight.DELETE, "srv1")).isFalse();
    assertThat(acl.serverIds(AclRight.REPLACE)).containsExactly("srv1", "srv2");
  }

  @Test
  void writes_the_canonical_order_whatever_order_it_read() throws Exception {
    Acl acl = Acl.parse("Replace=srv1&Get=*&Add=srv1&Replace=srv2");

    assertThat(acl).hasToString("Add=srv1&Get=*&Replace=srv1+srv2");
    assertThat(acl).isEqualTo(Acl.parse("Add=srv1&Get=*&Replace=srv1+srv2"));
  }

  @Test
  void a_wildcard_makes_the_other_identifiers_of_its_command_redundant() throws Exception {
    assertThat(Acl.parse("Get=srv1+*+srv2")).hasToString("Get=*");
  }

  @Test
  void an_empty_acl_inherits_and_allows_nothing_itself() throws Exception {
    assertThat(Acl.parse("")).isSameAs(Acl.EMPTY);
    assertThat(Acl.parse(null)).isSameAs(Acl.EMPTY);
    assertThat(Acl.EMPTY.isEmpty()).isTrue();
    assertThat(Acl.EMPTY.allows(AclRight.GET, "srv1")).isFalse();
    assertThat(Acl.EMPTY).hasToString("");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Get",
        "=srv1",
        "Get=",
        "Get=srv1+",
        "Steal=srv1",
        "Get=srv 1",
        "Get=a=b",
        "Get=a*"
      })
  void malformed_acls_answer_400(String text) {
    assertThatThrownBy(() -> Acl.parse(text))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void grant_adds_without_changing_the_original() throws Exception {
    Acl acl = Acl.parse("Get=srv1");

    Acl granted = acl.grant(AclRight.REPLACE, "srv2");

    assertThat(granted).hasToString("Get=srv1&Replace=srv2");
    assertThat(acl).hasToString("Get=srv1");
  }

  @Test
  void without_removes_a_server_everywhere_and_drops_emptied_commands() throws Exception {
    Acl acl = Acl.parse("Add=srv1&Get=srv1+srv2&Delete=*");

    assertThat(acl.without("srv1")).hasToString("Delete=*&Get=srv2");
    assertThat(Acl.parse("Get=srv1").without("srv1")).isSameAs(Acl.EMPTY);
  }
}
