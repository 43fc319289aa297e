package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Status;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.PskKey;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.protocol.account.Account;
import io.dmagent.protocol.account.AccountDirectory;
import io.dmagent.protocol.account.AccountWriter;
import io.dmagent.protocol.account.AccountWriter.AccountSpec;
import io.dmagent.protocol.account.AppAuth;
import io.dmagent.protocol.account.AppAuthStore;
import io.dmagent.protocol.account.ClientCredentials;
import io.dmagent.stdobj.DmAccObject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * DM accounts in ./DMAcc (the real DMAcc management object grafted): written from configuration,
 * read back for a session, their credentials sent as Cred, their secret never shown.
 */
class AccountTest {
  static final String SECRET = "s3cr3t-Never-Logged";
  static final String PSK_IDENTITY = "gw-0042";
  static final String PSK_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  final List<String> log = new CopyOnWriteArrayList<>();
  final DmTree tree = TestTrees.inMemory(log::add, new DmAccObject());
  final AccountDirectory directory = new AccountDirectory(tree, log::add);

  private static AccountSpec spec(String address, Optional<String> authType) {
    return new AccountSpec(
        "demo", "dmagent-demo", "Demo server", URI.create(address), authType, "gw42", SECRET);
  }

  @Test
  void a_configured_account_is_written_into_dmacc_and_read_back_for_sessions() throws Exception {
    new AccountWriter(tree).write(spec("http://127.0.0.1:8980/dm", Optional.of("BASIC")));

    Account a = directory.find("dmagent-demo").orElseThrow();
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
    new AccountWriter(tree).write(spec("http://127.0.0.1:8980/dm", Optional.empty()));
    directory.all();

    assertThat(log).noneMatch(l -> l.contains("refused"));
  }

  @Test
  void writing_again_updates_the_account_in_place() throws Exception {
    AccountWriter writer = new AccountWriter(tree);
    writer.write(spec("http://127.0.0.1:8980/dm", Optional.empty()));
    writer.write(spec("https://dm.example.com/manage", Optional.empty()));

    assertThat(directory.all()).hasSize(1);
    assertThat(directory.find("dmagent-demo").orElseThrow().address())
        .hasToString("https://dm.example.com/manage");
    assertThat(directory.find("dmagent-demo").orElseThrow().credentials()).isEmpty();
  }

  @Test
  void the_secret_appears_in_no_log_line_and_no_text_form() throws Exception {
    new AccountWriter(tree).write(spec("http://127.0.0.1:8980/dm", Optional.of("DIGEST")));
    Account a = directory.find("dmagent-demo").orElseThrow();

    assertThat(a.toString()).doesNotContain(SECRET);
    assertThat(a.credentials().orElseThrow().toString()).doesNotContain(SECRET);
    assertThat(spec("http://x/", Optional.of("BASIC")).toString()).doesNotContain(SECRET);
    assertThat(log).noneMatch(l -> l.contains(SECRET));
  }

  @Test
  void another_server_cannot_add_an_address_or_credentials_to_a_configured_account()
      throws Exception {
    new AccountWriter(tree).write(spec("http://127.0.0.1:8980/dm", Optional.of("BASIC")));
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
    assertThat(directory.find("dmagent-demo").orElseThrow().address())
        .hasToString("http://127.0.0.1:8980/dm");
    // Its own server still manages it.
    tree.operations(Principal.server("dmagent-demo"))
        .replace(NodeUri.of("./DMAcc/demo/AppAddr/1/Addr"), NodeValue.text("http://moved/"));
    assertThat(directory.find("dmagent-demo").orElseThrow().address()).hasToString("http://moved/");
  }

  @Test
  void an_account_claiming_the_server_id_of_another_takes_no_session_as_that_server()
      throws Exception {
    new AccountWriter(tree).write(spec("http://127.0.0.1:8980/dm", Optional.of("BASIC")));
    TreeOperations other = tree.operations(Principal.server("srv-other"));
    other.addLeaf(NodeUri.of("./DMAcc/aaa/ServerID"), NodeValue.text("dmagent-demo"));
    other.addLeaf(NodeUri.of("./DMAcc/aaa/AppAddr/1/Addr"), NodeValue.text("http://evil/"));

    assertThat(directory.find("dmagent-demo")).isEmpty();
    assertThat(directory.all()).isEmpty();
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

    assertThat(directory.find("srv-ip").orElseThrow().address())
        .hasToString("http://10.0.0.7:8080/");
  }

  @Test
  void the_first_address_by_name_wins() throws Exception {
    TreeOperations device = tree.operations(Principal.device());
    device.addLeaf(NodeUri.of("./DMAcc/two/ServerID"), NodeValue.text("two"));
    device.addLeaf(NodeUri.of("./DMAcc/two/AppAddr/b/Addr"), NodeValue.text("http://b.example/"));
    device.addLeaf(NodeUri.of("./DMAcc/two/AppAddr/a/Addr"), NodeValue.text("http://a.example/"));

    assertThat(directory.find("two").orElseThrow().address()).hasToString("http://a.example/");
  }

  @Test
  void an_account_without_server_id_or_address_is_skipped_with_one_line() throws Exception {
    TreeOperations device = tree.operations(Principal.device());
    device.addLeaf(NodeUri.of("./DMAcc/broken/Name"), NodeValue.text("no id"));
    device.addLeaf(NodeUri.of("./DMAcc/noaddr/ServerID"), NodeValue.text("noaddr"));

    assertThat(directory.all()).isEmpty();
    assertThat(log).anyMatch(l -> l.startsWith("DM account ./DMAcc/broken skipped"));
    assertThat(log).anyMatch(l -> l.startsWith("DM account ./DMAcc/noaddr skipped"));
  }

  @Test
  void basic_credentials_go_in_every_header_until_the_server_answers_212() {
    Account a =
        new Account(
            "srv",
            NodeUri.of("./DMAcc/srv"),
            URI.create("http://x/"),
            Optional.empty(),
            Optional.of(new ClientCredentials("BASIC", "Bruce2", "OhBehave", null)));
    Authenticator.Exchange auth = new AccountAuthenticator().open(a);

    Credential cred = auth.credential().orElseThrow();
    assertThat(cred.meta().type()).contains("syncml:auth-basic");
    assertThat(cred.meta().format()).contains("b64");
    assertThat(cred.data()).isEqualTo("QnJ1Y2UyOk9oQmVoYXZl");
    assertThat(auth.userName()).contains("Bruce2");
    assertThat(auth.accept(Status.of("1", "1", "0", "SyncHdr", 200)))
        .isEqualTo(Authenticator.Verdict.GO_ON);
    assertThat(auth.credential()).isPresent();
    assertThat(auth.accept(Status.of("1", "2", "0", "SyncHdr", 212)))
        .isEqualTo(Authenticator.Verdict.GO_ON);
    assertThat(auth.credential()).isEmpty();
    assertThat(cred.toString()).doesNotContain("QnJ1Y2UyOk9oQmVoYXZl");
  }

  @Test
  void digest_credentials_are_md5_over_the_stored_nonce() {
    Account a =
        new Account(
            "srv",
            NodeUri.of("./DMAcc/srv"),
            URI.create("http://x/"),
            Optional.empty(),
            Optional.of(new ClientCredentials("DIGEST", "Bruce2", "OhBehave", "Nonce".getBytes())));

    Credential cred = new AccountAuthenticator().open(a).credential().orElseThrow();

    assertThat(cred.meta().type()).contains("syncml:auth-md5");
    assertThat(cred.data()).isEqualTo("Zz6EivR3yeaaENcRN6lpAQ==");
  }

  @Test
  void an_account_without_credentials_sends_no_cred() {
    assertThat(
            new AccountAuthenticator()
                .open(Account.of("srv", URI.create("http://x/")))
                .credential())
        .isEmpty();
  }

  // ---- TLS-PSK from the DMAcc (AppAuth of AAuthLevel TLS, AAuthType PSK)

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
  void an_account_with_a_psk_credential_demands_tls_psk() throws Exception {
    new AccountWriter(tree)
        .write(
            spec("https://dm.example.com/dm", Optional.of("DIGEST"))
                .withPsk(PSK_IDENTITY, PSK_HEX));

    Account a = directory.find("dmagent-demo").orElseThrow();

    assertThat(SessionEngine.demandOf(a))
        .isEqualTo(ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.fromHex(PSK_HEX)));
    assertThat(a.credentials().orElseThrow().authType())
        .as("the PSK entry is no application-level credential")
        .isEqualTo("DIGEST");
    assertThat(String.valueOf(a)).contains(PSK_IDENTITY).doesNotContainIgnoringCase(PSK_HEX);
    assertThat(String.valueOf(SessionEngine.demandOf(a))).doesNotContainIgnoringCase(PSK_HEX);
    assertThat(log).noneMatch(l -> l.toLowerCase().contains(PSK_HEX));
  }

  @Test
  void a_psk_entry_added_to_the_tree_is_read_whatever_its_name_and_case() throws Exception {
    new AccountWriter(tree).write(spec("https://dm.example.com/dm", Optional.empty()));
    pskEntry("demo", "bootstrap-7", "tls", "psk", PSK_HEX.toUpperCase());

    assertThat(SessionEngine.demandOf(directory.find("dmagent-demo").orElseThrow()))
        .isEqualTo(ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.fromHex(PSK_HEX)));
  }

  @Test
  void a_psk_entry_without_a_key_leaves_the_key_to_the_bindings_configuration() throws Exception {
    new AccountWriter(tree)
        .write(spec("https://dm.example.com/dm", Optional.empty()).withPsk(PSK_IDENTITY, ""));

    ChannelSecurity demand = SessionEngine.demandOf(directory.find("dmagent-demo").orElseThrow());

    assertThat(demand).isEqualTo(ChannelSecurity.tlsPsk(PSK_IDENTITY));
    assertThat(demand.pskKey()).isEmpty();
  }

  @Test
  void a_psk_account_on_an_http_address_still_demands_tls_psk_which_the_binding_refuses()
      throws Exception {
    new AccountWriter(tree)
        .write(spec("http://127.0.0.1:8980/dm", Optional.empty()).withPsk(PSK_IDENTITY, PSK_HEX));

    assertThat(SessionEngine.demandOf(directory.find("dmagent-demo").orElseThrow()).mode())
        .isEqualTo(ChannelSecurity.Mode.TLS_PSK);
  }

  @Test
  void an_x509_account_on_an_http_address_still_demands_mutual_tls_which_the_binding_refuses()
      throws Exception {
    new AccountWriter(tree).write(spec("http://127.0.0.1:8980/dm", Optional.of("X509")));

    assertThat(SessionEngine.demandOf(directory.find("dmagent-demo").orElseThrow()))
        .isEqualTo(ChannelSecurity.mutualTls());
  }

  @Test
  void an_entry_of_type_psk_at_another_level_demands_nothing() throws Exception {
    new AccountWriter(tree).write(spec("https://dm.example.com/dm", Optional.empty()));
    pskEntry("demo", "x", "OBEX", "PSK", PSK_HEX);

    Account a = directory.find("dmagent-demo").orElseThrow();

    assertThat(a.psk()).isEmpty();
    assertThat(SessionEngine.demandOf(a)).isEqualTo(ChannelSecurity.tls());
  }

  @Test
  void a_psk_entry_with_a_malformed_key_makes_the_account_unreadable_without_repeating_it()
      throws Exception {
    new AccountWriter(tree).write(spec("https://dm.example.com/dm", Optional.empty()));
    pskEntry("demo", "TLS", "TLS", "PSK", "zz-secret-zz");

    assertThat(directory.find("dmagent-demo")).isEmpty();
    assertThat(log)
        .filteredOn(l -> l.startsWith("DM account ./DMAcc/demo skipped"))
        .singleElement()
        .asString()
        .contains("AppAuth/TLS", "not hexadecimal")
        .doesNotContain("zz-secret-zz");
  }

  @Test
  void the_psk_entry_is_never_taken_for_application_credentials() throws Exception {
    new AccountWriter(tree)
        .write(spec("https://dm.example.com/dm", Optional.empty()).withPsk(PSK_IDENTITY, PSK_HEX));
    Account a = directory.find("dmagent-demo").orElseThrow();

    assertThat(a.psk()).isPresent();
    assertThat(a.credentials()).isEmpty();
    AppAuthStore store = new AppAuthStore(tree);
    assertThat(store.read(a.node(), AppAuth.CLCRED)).isEmpty();
    assertThat(store.read(a.node(), AppAuth.SRVCRED)).isEmpty();
    Authenticator.Exchange auth = new TreeAuthenticator(tree, 3, log::add).open(a);
    assertThat(auth.credential()).isEmpty();
    assertThat(auth.userName()).isEmpty();
    assertThat(auth.headers(new byte[] {1})).isEmpty();
  }

  @Test
  void a_server_cannot_get_the_pre_shared_key() throws Exception {
    new AccountWriter(tree)
        .write(spec("https://dm.example.com/dm", Optional.empty()).withPsk(PSK_IDENTITY, PSK_HEX));
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
}
