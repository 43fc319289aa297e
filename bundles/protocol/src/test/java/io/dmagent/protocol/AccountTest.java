package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.Account;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.account.ClientCredentials;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Status;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.PskKey;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.stdobj.DmAccObject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * DM accounts as sessions use them (the real DMAcc management object grafted, read and written by
 * the accounts bundle): their credentials sent as Cred, their pre-shared key demanding TLS-PSK.
 */
class AccountTest {
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
    accounts.write(
        spec("https://dm.example.com/dm", Optional.of("DIGEST")).withPsk(PSK_IDENTITY, PSK_HEX));

    Account a = accounts.find("dmagent-demo").orElseThrow();

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
    accounts.write(spec("https://dm.example.com/dm", Optional.empty()));
    pskEntry("demo", "bootstrap-7", "tls", "psk", PSK_HEX.toUpperCase());

    assertThat(SessionEngine.demandOf(accounts.find("dmagent-demo").orElseThrow()))
        .isEqualTo(ChannelSecurity.tlsPsk(PSK_IDENTITY, PskKey.fromHex(PSK_HEX)));
  }

  @Test
  void a_psk_entry_without_a_key_leaves_the_key_to_the_bindings_configuration() throws Exception {
    accounts.write(spec("https://dm.example.com/dm", Optional.empty()).withPsk(PSK_IDENTITY, ""));

    ChannelSecurity demand = SessionEngine.demandOf(accounts.find("dmagent-demo").orElseThrow());

    assertThat(demand).isEqualTo(ChannelSecurity.tlsPsk(PSK_IDENTITY));
    assertThat(demand.pskKey()).isEmpty();
  }

  @Test
  void a_psk_account_on_an_http_address_still_demands_tls_psk_which_the_binding_refuses()
      throws Exception {
    accounts.write(
        spec("http://127.0.0.1:8980/dm", Optional.empty()).withPsk(PSK_IDENTITY, PSK_HEX));

    assertThat(SessionEngine.demandOf(accounts.find("dmagent-demo").orElseThrow()).mode())
        .isEqualTo(ChannelSecurity.Mode.TLS_PSK);
  }

  @Test
  void an_x509_account_on_an_http_address_still_demands_mutual_tls_which_the_binding_refuses()
      throws Exception {
    accounts.write(spec("http://127.0.0.1:8980/dm", Optional.of("X509")));

    assertThat(SessionEngine.demandOf(accounts.find("dmagent-demo").orElseThrow()))
        .isEqualTo(ChannelSecurity.mutualTls());
  }

  @Test
  void an_entry_of_type_psk_at_another_level_demands_nothing() throws Exception {
    accounts.write(spec("https://dm.example.com/dm", Optional.empty()));
    pskEntry("demo", "x", "OBEX", "PSK", PSK_HEX);

    Account a = accounts.find("dmagent-demo").orElseThrow();

    assertThat(a.psk()).isEmpty();
    assertThat(SessionEngine.demandOf(a)).isEqualTo(ChannelSecurity.tls());
  }

  @Test
  void the_psk_entry_is_never_taken_for_application_credentials() throws Exception {
    accounts.write(
        spec("https://dm.example.com/dm", Optional.empty()).withPsk(PSK_IDENTITY, PSK_HEX));
    Account a = accounts.find("dmagent-demo").orElseThrow();

    assertThat(a.psk()).isPresent();
    assertThat(a.credentials()).isEmpty();
    assertThat(accounts.appAuth(a.node(), AppAuth.CLCRED)).isEmpty();
    assertThat(accounts.appAuth(a.node(), AppAuth.SRVCRED)).isEmpty();
    Authenticator.Exchange auth = new TreeAuthenticator(accounts, 3, log::add).open(a);
    assertThat(auth.credential()).isEmpty();
    assertThat(auth.userName()).isEmpty();
    assertThat(auth.headers(new byte[] {1})).isEmpty();
  }
}
