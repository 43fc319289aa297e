package io.dmagent.bootstrap;

import static io.dmagent.bootstrap.Messages.DM_WBXML;
import static io.dmagent.bootstrap.Messages.DM_XML;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.tree.NodeProperty;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmProfileBootstrapTest {
  static final String ADDR = "https://dm.example.com/dm";

  @TempDir Path data;
  Fixture f;

  Fixture fixture(BootstrapSettings settings) throws Exception {
    f = new Fixture(data, settings, Messages.secrets());
    return f;
  }

  @AfterEach
  void close() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void a_signed_wbxml_bootstrap_with_embedded_tnds_creates_the_account() throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);

    BootstrapResult r = f.apply(BootstrapSource.WAP_PUSH, Messages.netwpin(DM_WBXML, body), body);

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(r.serverIds()).containsExactly("acme-dm");
    assertThat(f.value("./DMAcc/acme/ServerID")).isEqualTo("acme-dm");
    assertThat(f.value("./DMAcc/acme/AppAddr/1/Addr")).isEqualTo(ADDR);
    assertThat(f.value("./DMAcc/acme/AppAuth/1/AAuthName")).isEqualTo("gateway");
    assertThat(f.acl("./DMAcc/acme")).isEqualTo("Delete=acme-dm&Get=acme-dm&Replace=acme-dm");
    assertThat(f.sessions).containsExactly("acme-dm");
  }

  @Test
  void an_xml_message_signed_with_the_user_pin_is_applied() throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body =
        Messages.xml(
            Messages.message(
                ADDR,
                Messages.addTndsXml(
                    "1", "./DMAcc", Messages.tnds(Messages.account("a", "s", ADDR)))));

    BootstrapResult r =
        f.apply(BootstrapSource.WAP_PUSH, Messages.userpin(DM_XML, body, Messages.PIN), body);

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(f.value("./DMAcc/a/ServerID")).isEqualTo("s");
  }

  @Test
  void a_flipped_byte_is_not_authentic_and_leaves_the_tree_unchanged() throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);
    String type = Messages.netwpin(DM_WBXML, body);
    List<String> before = f.snapshot();
    body[body.length / 2] ^= 0x01;

    BootstrapResult r = f.apply(BootstrapSource.WAP_PUSH, type, body);

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_AUTHENTIC);
    assertThat(f.snapshot()).isEqualTo(before);
    assertThat(f.log).filteredOn(l -> l.contains("refused (NOT_AUTHENTIC)")).hasSize(1);
    assertThat(f.sessions).isEmpty();
  }

  @Test
  void a_wrong_pin_is_not_authentic() throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);
    List<String> before = f.snapshot();

    BootstrapResult r =
        f.apply(BootstrapSource.WAP_PUSH, Messages.userpin(DM_WBXML, body, "9999"), body);

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_AUTHENTIC);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void an_unsigned_push_is_refused_and_an_unsigned_factory_file_only_when_allowed()
      throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);

    assertThat(f.apply(BootstrapSource.WAP_PUSH, DM_WBXML, body).outcome())
        .isEqualTo(Outcome.NOT_AUTHENTIC);
    assertThat(f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body).outcome())
        .isEqualTo(Outcome.NOT_AUTHENTIC);
    assertThat(f.exists("./DMAcc/acme")).isFalse();
    f.close();

    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    assertThat(f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body).outcome())
        .isEqualTo(Outcome.APPLIED);
  }

  @Test
  void an_authenticated_channel_of_a_trusted_source_needs_no_mac() throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);

    BootstrapResult r =
        f.engine.apply(
            new io.dmagent.api.bootstrap.BootstrapMessage(
                BootstrapSource.BOOTSTRAP_SERVER, DM_WBXML, body, "https://bs/", true));

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
  }

  @Test
  void a_source_that_is_no_appaddr_of_the_message_is_invalid() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    byte[] body =
        Messages.wbxml(
            Messages.message(
                "https://elsewhere.example.com/",
                Messages.addTnds("1", "./DMAcc", Messages.tnds(Messages.account("a", "s", ADDR)))));
    List<String> before = f.snapshot();

    BootstrapResult r = f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.reason()).contains("no AppAddr");
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void two_accounts_with_one_serverid_are_invalid() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    byte[] body =
        Messages.wbxml(
            Messages.message(
                ADDR,
                Messages.addTnds(
                    "1",
                    "./DMAcc",
                    Messages.tnds(
                        Messages.account("a", "same", ADDR),
                        Messages.account("b", "same", ADDR)))));
    List<String> before = f.snapshot();

    BootstrapResult r = f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.reason()).contains("two accounts");
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void a_rebootstrap_updates_the_account_of_the_same_server_in_its_node() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, Messages.oneAccount("first", "acme", ADDR));
    String moved = "https://dm2.example.com/dm";

    BootstrapResult r =
        f.apply(
            BootstrapSource.FACTORY_FILE, DM_WBXML, Messages.oneAccount("other", "acme", moved));

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(f.value("./DMAcc/first/AppAddr/1/Addr")).isEqualTo(moved);
    assertThat(f.exists("./DMAcc/other")).isFalse();
  }

  @Test
  void a_push_may_not_replace_a_factory_account_unless_configured() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, Messages.oneAccount("a", "acme", ADDR));
    byte[] push = Messages.oneAccount("a", "acme", "https://evil.example.com/dm");
    List<String> before = f.snapshot();

    BootstrapResult r = f.apply(BootstrapSource.WAP_PUSH, Messages.netwpin(DM_WBXML, push), push);

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_ALLOWED);
    assertThat(f.snapshot()).isEqualTo(before);
    f.close();

    fixture(BootstrapSettings.defaults().withUnsignedFactory(true).withWeakerReplace(true));
    assertThat(f.apply(BootstrapSource.WAP_PUSH, Messages.netwpin(DM_WBXML, push), push).outcome())
        .isEqualTo(Outcome.APPLIED);
  }

  @Test
  void an_account_node_of_another_server_is_not_taken_over() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, Messages.oneAccount("dm", "one", ADDR));

    String second = "https://two.example.com/";
    f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, Messages.oneAccount("dm", "two", second));

    assertThat(f.value("./DMAcc/dm/ServerID")).isEqualTo("one");
    assertThat(f.value("./DMAcc/dm_2/ServerID")).isEqualTo("two");
  }

  @Test
  void the_same_message_again_from_the_same_origin_is_unchanged() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    byte[] body = Messages.oneAccount("a", "acme", ADDR);
    f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    BootstrapResult again = f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.serverIds()).containsExactly("acme");
  }

  @Test
  void truncated_and_oversized_messages_are_invalid_and_change_nothing() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true).withMaxMessageSize(4096));
    byte[] body = Messages.oneAccount("a", "acme", ADDR);
    List<String> before = f.snapshot();

    BootstrapResult truncated =
        f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, Arrays.copyOf(body, body.length - 9));
    BootstrapResult oversized = f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, new byte[4097]);

    assertThat(truncated.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(oversized.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(oversized.reason()).contains("above the bound");
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  void the_inbox_places_the_newest_dmacc_and_ignores_unsupported_mos() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    var old = withType(Messages.account("acc", "old-id", ADDR), "urn:oma:mo:oma-dm-dmacc:1.0");
    var newer = withType(Messages.account("acc", "new-id", ADDR), MoPlaces.DMACC_11);
    var unknown =
        withType(
            Messages.interior("Weather", Map.of(), Messages.leaf("City", "Oslo")),
            "urn:example:mo:weather:1.0");
    byte[] body =
        Messages.wbxml(
            Messages.message(
                ADDR, Messages.addTnds("1", "./Inbox", Messages.tnds(old, unknown, newer))));

    BootstrapResult r = f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(f.value("./DMAcc/acc/ServerID")).isEqualTo("new-id");
    assertThat(f.log).anyMatch(l -> l.contains("Weather") && l.contains("ignored"));
    assertThat(f.log).anyMatch(l -> l.contains("older version") && l.contains("dmacc:1.0"));
  }

  @Test
  void unknown_ext_items_are_ignored_with_one_line() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    var acc = Messages.account("a", "acme", ADDR);
    var ext =
        Messages.interior(
            "Ext", Map.of(), Messages.interior("Vendor", Map.of(), Messages.leaf("Knob", "1")));
    var withExt =
        new io.dmagent.api.description.TndsNode(
            acc.name(),
            acc.path(),
            acc.format(),
            acc.properties(),
            acc.value(),
            concat(acc.children(), ext));
    byte[] body =
        Messages.wbxml(
            Messages.message(ADDR, Messages.addTnds("1", "./DMAcc", Messages.tnds(withExt))));

    BootstrapResult r = f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(f.log).filteredOn(l -> l.contains("unknown Ext item")).hasSize(1);
  }

  @Test
  void withdraw_removes_the_accounts_an_origin_put_in() throws Exception {
    fixture(BootstrapSettings.defaults());
    byte[] body = Messages.oneAccount("card", "card-server", ADDR);
    f.engine.apply(
        new io.dmagent.api.bootstrap.BootstrapMessage(
            BootstrapSource.SMART_CARD, DM_WBXML, body, "reader 0", true));

    BootstrapResult r = f.engine.withdraw(BootstrapSource.SMART_CARD, "reader 0");

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(r.serverIds()).containsExactly("card-server");
    assertThat(f.exists("./DMAcc/card")).isFalse();
  }

  @Test
  void the_tnds_acl_is_kept_instead_of_the_default() throws Exception {
    fixture(BootstrapSettings.defaults().withUnsignedFactory(true));
    var acc = Messages.account("a", "acme", ADDR);
    var withAcl =
        new io.dmagent.api.description.TndsNode(
            acc.name(),
            acc.path(),
            acc.format(),
            Map.of(NodeProperty.ACL, "Get=*&Replace=acme"),
            acc.value(),
            acc.children());
    byte[] body =
        Messages.wbxml(
            Messages.message(ADDR, Messages.addTnds("1", "./DMAcc", Messages.tnds(withAcl))));

    f.apply(BootstrapSource.FACTORY_FILE, DM_WBXML, body);

    assertThat(f.acl("./DMAcc/a")).isEqualTo("Get=*&Replace=acme");
  }

  private static io.dmagent.api.description.TndsNode withType(
      io.dmagent.api.description.TndsNode n, String type) {
    return new io.dmagent.api.description.TndsNode(
        n.name(), n.path(), n.format(), Map.of(NodeProperty.TYPE, type), n.value(), n.children());
  }

  private static <T> List<T> concat(List<T> a, T b) {
    List<T> out = new java.util.ArrayList<>(a);
    out.add(b);
    return out;
  }
}
