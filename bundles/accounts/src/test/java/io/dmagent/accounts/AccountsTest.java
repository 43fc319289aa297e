package io.dmagent.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.account.ClientCredentials;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import io.dmagent.stdobj.DmAccObject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * DM accounts in ./DMAcc (the real DMAcc management object grafted): written, read back for a
 * session, their secret and pre-shared key never shown.
 */
class AccountsTest {
  static final String SECRET = "s3cr3t-Never-Logged";
  static final String PSK_IDENTITY = "gw-0042";
  static final String PSK_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  final List<String> log = new CopyOnWriteArrayList<>();
  final DmTree tree = TestTrees.inMemory(log::add, new DmAccObject());
  final Accounts accounts = TreeAccounts.on(tree, log::add);

  private static AccountSpec spec(String address, Optional<String> authType) {
    return new AccountSpec(
        "demo", "dmagent-demo", "Demo server", URI.create(address), authType, "gw42", SECRET);
  }

  /** A PSK entry as a bootstrap or a server would add it, values in any case. */
  private void pskEntry(String account, String entry, String level, String type, String key)
      throws DmException {
    TreeOperations device = tree.operations(Principal.device());
    String at = "./DMAcc/" + account + "/AppAuth/" + entry + "/";
    device.addLeaf(NodeUri.of(at + "AAuthLevel"), NodeValue.text(level));
    device.addLeaf(NodeUri.of(at + "AAuthType"), NodeValue.text(type));
    device.addLeaf(NodeUri.of(at + "AAuthName"), NodeValue.text(PSK_IDENTITY));
    device.addLeaf(NodeUri.of(at + "AAuthSecret"), NodeValue.text(key));
  }

  @Test
  void a_configured_account_is_written_into_dmacc_and_read_back_for_sessions() throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.of("BASIC")));

    Account a = accounts.find("dmagent-demo").orElseThrow();
    assertThat(a.node()).hasToString("./DMAcc/demo");
    assertThat(a.address()).hasToString("http://127.0.0.1:8980/dm");
    assertThat(a.name()).contains("Demo server");
    ClientCredentials c = a.credentials().orElseThrow();
    assertThat(c.authType()).isEqualTo("BASIC");
    assertThat(c.name()).isEqualTo("gw42");
    assertThat(c.secret()).isEqualTo(SECRET);
    TreeOperations device = tree.operations(Principal.device());
    assertThat(device.get(NodeUri.of("./DMAcc/demo")).type())
        .as("the account node takes the DMAcc MO identifier")
        .contains("urn:oma:mo:oma-dm-dmacc:1.1");
    assertThat(device.get(NodeUri.of("./DMAcc/demo/AppID")).value().orElseThrow().text())
        .isEqualTo("w7");
  }

  @Test
  void writing_and_reading_an_account_leaves_no_refusal_in_the_trees_log() throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.empty()));
    accounts.all();

    assertThat(log).noneMatch(l -> l.contains("refused"));
  }

  @Test
  void writing_again_updates_the_account_in_place() throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.empty()));
    accounts.write(spec("https://dm.example.com/manage", Optional.empty()));

    assertThat(accounts.all()).hasSize(1);
    assertThat(accounts.find("dmagent-demo").orElseThrow().address())
        .hasToString("https://dm.example.com/manage");
    assertThat(accounts.find("dmagent-demo").orElseThrow().credentials()).isEmpty();
  }

  @Test
  void the_secret_appears_in_no_log_line_and_no_text_form() throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.of("DIGEST")));
    Account a = accounts.find("dmagent-demo").orElseThrow();

    assertThat(a.toString()).doesNotContain(SECRET);
    assertThat(a.credentials().orElseThrow().toString()).doesNotContain(SECRET);
    assertThat(spec("http://x/", Optional.of("BASIC")).toString()).doesNotContain(SECRET);
    assertThat(log).noneMatch(l -> l.contains(SECRET));
  }

  @Test
  void another_server_cannot_add_an_address_or_credentials_to_a_configured_account()
      throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.of("BASIC")));
    TreeOperations other = tree.operations(Principal.server("srv-other"));

    assertThatThrownBy(
            () ->
                other.addLeaf(
                    NodeUri.of("./DMAcc/demo/AppAddr/0/Addr"), NodeValue.text("http://evil/")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.PERMISSION_DENIED));
    assertThatThrownBy(
            () ->
                other.addLeaf(
                    NodeUri.of("./DMAcc/demo/AppAuth/0/AAuthLevel"), NodeValue.text("CLCRED")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.PERMISSION_DENIED));
    assertThat(accounts.find("dmagent-demo").orElseThrow().address())
        .hasToString("http://127.0.0.1:8980/dm");
    // Its own server still manages it.
    tree.operations(Principal.server("dmagent-demo"))
        .replace(NodeUri.of("./DMAcc/demo/AppAddr/1/Addr"), NodeValue.text("http://moved/"));
    assertThat(accounts.find("dmagent-demo").orElseThrow().address()).hasToString("http://moved/");
  }

  @Test
  void an_account_claiming_the_server_id_of_another_takes_no_session_as_that_server()
      throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.of("BASIC")));
    TreeOperations other = tree.operations(Principal.server("srv-other"));
    other.addLeaf(NodeUri.of("./DMAcc/aaa/ServerID"), NodeValue.text("dmagent-demo"));
    other.addLeaf(NodeUri.of("./DMAcc/aaa/AppAddr/1/Addr"), NodeValue.text("http://evil/"));

    assertThat(accounts.find("dmagent-demo")).isEmpty();
    assertThat(accounts.all()).isEmpty();
    assertThat(log)
        .anyMatch(
            l ->
                l.startsWith("DM accounts [./DMAcc/aaa, ./DMAcc/demo] skipped")
                    && l.contains("'dmagent-demo'"));
  }

  @Test
  void an_address_without_a_scheme_is_http_to_that_host_and_port() throws Exception {
    TreeOperations device = tree.operations(Principal.device());
    device.addLeaf(NodeUri.of("./DMAcc/ip/ServerID"), NodeValue.text("srv-ip"));
    device.addLeaf(NodeUri.of("./DMAcc/ip/AppAddr/a/Addr"), NodeValue.text("10.0.0.7"));
    device.addLeaf(NodeUri.of("./DMAcc/ip/AppAddr/a/AddrType"), NodeValue.text("IPv4"));
    device.addLeaf(NodeUri.of("./DMAcc/ip/AppAddr/a/Port/1/PortNbr"), NodeValue.text("8080"));

    assertThat(accounts.find("srv-ip").orElseThrow().address())
        .hasToString("http://10.0.0.7:8080/");
  }

  @Test
  void the_first_address_by_name_wins() throws Exception {
    TreeOperations device = tree.operations(Principal.device());
    device.addLeaf(NodeUri.of("./DMAcc/two/ServerID"), NodeValue.text("two"));
    device.addLeaf(NodeUri.of("./DMAcc/two/AppAddr/b/Addr"), NodeValue.text("http://b.example/"));
    device.addLeaf(NodeUri.of("./DMAcc/two/AppAddr/a/Addr"), NodeValue.text("http://a.example/"));

    assertThat(accounts.find("two").orElseThrow().address()).hasToString("http://a.example/");
  }

  @Test
  void an_account_without_server_id_or_address_is_skipped_with_one_line() throws Exception {
    TreeOperations device = tree.operations(Principal.device());
    device.addLeaf(NodeUri.of("./DMAcc/broken/Name"), NodeValue.text("no id"));
    device.addLeaf(NodeUri.of("./DMAcc/noaddr/ServerID"), NodeValue.text("noaddr"));

    assertThat(accounts.all()).isEmpty();
    assertThat(log).anyMatch(l -> l.startsWith("DM account ./DMAcc/broken skipped"));
    assertThat(log).anyMatch(l -> l.startsWith("DM account ./DMAcc/noaddr skipped"));
  }

  @Test
  void a_psk_entry_with_a_malformed_key_makes_the_account_unreadable_without_repeating_it()
      throws Exception {
    accounts.write(spec("https://dm.example.com/dm", Optional.empty()));
    pskEntry("demo", "TLS", "TLS", "PSK", "zz-secret-zz");

    assertThat(accounts.find("dmagent-demo")).isEmpty();
    assertThat(log)
        .filteredOn(l -> l.startsWith("DM account ./DMAcc/demo skipped"))
        .singleElement()
        .asString()
        .contains("AppAuth/TLS", "not hexadecimal")
        .doesNotContain("zz-secret-zz");
  }

  @Test
  void a_server_cannot_get_the_pre_shared_key() throws Exception {
    accounts.write(
        spec("https://dm.example.com/dm", Optional.empty()).withPsk(PSK_IDENTITY, PSK_HEX));
    TreeOperations server = tree.operations(Principal.server("dmagent-demo"));

    assertThat(server.get(NodeUri.of("./DMAcc/demo/AppAuth/TLS/AAuthName")).value())
        .hasValueSatisfying(v -> assertThat(v.text()).isEqualTo(PSK_IDENTITY));
    assertThatThrownBy(() -> server.get(NodeUri.of("./DMAcc/demo/AppAuth/TLS/AAuthSecret")))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_NOT_ALLOWED))
        .message()
        .doesNotContainIgnoringCase(PSK_HEX);
  }

  @Test
  void a_server_secret_is_written_as_srvcred_and_read_back_with_its_nonce() throws Exception {
    AccountSpec spec =
        spec("http://127.0.0.1:8980/dm", Optional.of("DIGEST")).withServerSecret("srv-pw");
    NodeUri node = accounts.write(spec);

    AppAuth server = accounts.appAuth(node, AppAuth.SRVCRED).orElseThrow();
    assertThat(server.name()).isEqualTo("dmagent-demo");
    assertThat(server.secret()).isEqualTo("srv-pw");
    assertThat(server.scheme()).isEqualTo(AuthScheme.MD5);
    assertThat(server.nonce()).isEmpty();

    accounts.storeNonce(server, new byte[] {7, 8, 9});

    assertThat(accounts.appAuth(node, AppAuth.SRVCRED).orElseThrow().nonce())
        .containsExactly(7, 8, 9);
    assertThat(accounts.appAuth(node, AppAuth.CLCRED).orElseThrow().nonce()).isEmpty();
    assertThat(log).noneMatch(l -> l.contains("srv-pw"));
    assertThat(spec.toString()).doesNotContain("srv-pw");
    assertThat(server.toString()).doesNotContain("srv-pw");
  }

  @Test
  void server_ids_and_nodes_are_read_through_the_callers_transaction() throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.empty()));
    TreeOperations device = tree.operations(Principal.device());
    device.addLeaf(NodeUri.of("./DMAcc/noaddr/ServerID"), NodeValue.text("srv-noaddr"));

    try (TreeTransaction tx = tree.begin(Principal.device())) {
      accounts.write(
          tx,
          new AccountSpec(
              "later",
              "srv-later",
              "",
              URI.create("http://later.example/"),
              Optional.empty(),
              "",
              ""));

      assertThat(accounts.node(tx, "srv-later")).contains(NodeUri.of("./DMAcc/later"));
      assertThat(accounts.node(tx, "dmagent-demo")).contains(NodeUri.of("./DMAcc/demo"));
      // Not committed: nobody else sees it.
      assertThat(accounts.find("srv-later")).isEmpty();
    }

    assertThat(accounts.serverIds()).containsExactlyInAnyOrder("dmagent-demo", "srv-noaddr");
    assertThat(accounts.node(device, "srv-later")).isEmpty();
    assertThat(accounts.all()).extracting(Account::serverId).containsExactly("dmagent-demo");
  }
}
