package io.dmagent.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.stdobj.DmAccObject;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An account configuration file ({@code io.dmagent.protocol.account-*.cfg}) as ConfigAdmin hands it
 * over, turned into the account written into ./DMAcc: its TLS-PSK identity and key.
 */
class AccountProvisioningTest {
  private static final String PSK_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<String> treeLog = new CopyOnWriteArrayList<>();
  private final DmTree tree = TestTrees.inMemory(treeLog::add, new DmAccObject());
  private final Accounts accounts = TreeAccounts.on(tree, treeLog::add);

  /** The configuration with these properties; the others take their MetaType defaults. */
  private static AccountConfig config(String... keyValues) {
    Map<String, Object> values = new HashMap<>();
    values.put("serverId", "dm.example");
    values.put("address", "https://dm.example.com/dm");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return (AccountConfig)
        Proxy.newProxyInstance(
            AccountConfig.class.getClassLoader(),
            new Class<?>[] {AccountConfig.class},
            (proxy, method, args) ->
                method.getName().equals("annotationType")
                    ? AccountConfig.class
                    : values.getOrDefault(method.getName(), method.getDefaultValue()));
  }

  private String leaf(String uri) throws Exception {
    return tree.operations(Principal.device()).get(NodeUri.of(uri)).value().orElseThrow().text();
  }

  @Test
  void a_configured_psk_is_written_as_the_accounts_tls_appauth_entry() throws Exception {
    AccountSpec spec =
        AccountProvisioning.spec(config("pskIdentity", " gw-0042 ", "pskKey", PSK_HEX), errors::add)
            .orElseThrow();

    accounts.write(spec);

    assertThat(leaf("./DMAcc/dm.example/AppAuth/TLS/AAuthLevel")).isEqualTo("TLS");
    assertThat(leaf("./DMAcc/dm.example/AppAuth/TLS/AAuthType")).isEqualTo("PSK");
    assertThat(leaf("./DMAcc/dm.example/AppAuth/TLS/AAuthName")).isEqualTo("gw-0042");
    assertThat(leaf("./DMAcc/dm.example/AppAuth/TLS/AAuthSecret")).isEqualTo(PSK_HEX);
    Account a = accounts.find("dm.example").orElseThrow();
    assertThat(a.psk().orElseThrow().identity()).isEqualTo("gw-0042");
    assertThat(spec.toString()).contains("gw-0042").doesNotContain(PSK_HEX);
    assertThat(errors).isEmpty();
    assertThat(treeLog).noneMatch(l -> l.contains(PSK_HEX));
  }

  @Test
  void without_a_psk_identity_no_psk_entry_is_written() throws Exception {
    AccountSpec spec = AccountProvisioning.spec(config(), errors::add).orElseThrow();

    accounts.write(spec);

    assertThat(spec.pskIdentity()).isEmpty();
    assertThat(accounts.find("dm.example").orElseThrow().psk()).isEmpty();
  }

  @Test
  void a_malformed_psk_key_ignores_the_configuration_in_one_line_without_the_key() {
    Optional<AccountSpec> spec =
        AccountProvisioning.spec(
            config("pskIdentity", "gw-0042", "pskKey", "not-hex-secret"), errors::add);

    assertThat(spec).isEmpty();
    assertThat(errors)
        .singleElement()
        .asString()
        .contains("dm.example", "not hexadecimal")
        .doesNotContain("not-hex-secret");
  }

  @Test
  void a_psk_key_without_an_identity_ignores_the_configuration() {
    assertThat(AccountProvisioning.spec(config("pskKey", PSK_HEX), errors::add)).isEmpty();
    assertThat(errors)
        .singleElement()
        .asString()
        .contains("pskKey without pskIdentity")
        .doesNotContain(PSK_HEX);
  }

  @Test
  void a_configured_server_secret_is_written_as_srvcred_with_the_clients_scheme() throws Exception {
    AccountSpec spec =
        AccountProvisioning.spec(
                config("authType", "DIGEST", "authName", "gw", "serverAuthSecret", "srv-secret"),
                errors::add)
            .orElseThrow();

    accounts.write(spec);

    assertThat(leaf("./DMAcc/dm.example/AppAuth/2/AAuthLevel")).isEqualTo("SRVCRED");
    assertThat(leaf("./DMAcc/dm.example/AppAuth/2/AAuthType")).isEqualTo("DIGEST");
    assertThat(leaf("./DMAcc/dm.example/AppAuth/2/AAuthName")).isEqualTo("dm.example");
    assertThat(leaf("./DMAcc/dm.example/AppAuth/2/AAuthSecret")).isEqualTo("srv-secret");
    assertThat(spec.toString()).doesNotContain("srv-secret");
  }
}
