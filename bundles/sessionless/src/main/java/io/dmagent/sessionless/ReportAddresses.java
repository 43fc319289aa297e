package io.dmagent.sessionless;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where a server's reports go: {@code <account>/Ext/DMAgent/ReportAddr} if set, else the
 * configuration's {@code reportAddress.<ServerID>}, else the account's own address (HTTP POST).
 */
final class ReportAddresses {
  static final String CONFIG_PREFIX = "reportAddress.";
  static final String NODE = "/Ext/DMAgent/ReportAddr";

  private final Accounts accounts;
  private final DmTree tree;
  private final Map<String, String> configured;

  ReportAddresses(Accounts accounts, DmTree tree, Map<String, String> configured) {
    this.accounts = accounts;
    this.tree = tree;
    this.configured = Map.copyOf(configured);
  }

  /** The configured addresses in a component's properties ({@code reportAddress.<ServerID>}). */
  static Map<String, String> configured(Map<String, ?> properties) {
    java.util.HashMap<String, String> out = new java.util.HashMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(CONFIG_PREFIX) && v != null && !v.toString().isBlank()) {
            out.put(k.substring(CONFIG_PREFIX.length()), v.toString().trim());
          }
        });
    return out;
  }

  /** The report address of {@code serverId}; none without an account. */
  Optional<URI> of(String serverId) {
    Optional<Account> account = accounts.find(serverId);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Optional<URI> inTree = node(account.get());
    if (inTree.isPresent()) {
      return inTree;
    }
    String fromConfig = configured.get(serverId);
    return fromConfig != null
        ? Optional.of(URI.create(fromConfig))
        : Optional.of(account.get().address());
  }

  private Optional<URI> node(Account account) {
    try {
      return tree.operations(Principal.device())
          .get(NodeUri.of(account.node() + NODE))
          .value()
          .map(v -> v.text().trim())
          .filter(s -> !s.isEmpty())
          .map(URI::create);
    } catch (DmException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
