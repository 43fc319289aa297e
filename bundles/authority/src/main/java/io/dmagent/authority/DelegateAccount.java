package io.dmagent.authority;

import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.Optional;

/**
 * The delegate's DM account in {@code ./DMAcc}: found by its ServerID, or created from the
 * delegation document (AppID w7, ServerID, Name, {@code AppAddr/1}, and {@code AppAuth/1} with
 * AAuthLevel CLCRED when the document carries credentials), both through {@link Accounts} inside
 * the delegation's transaction. The new account's ACL gives the delegate Get and Replace on it, as
 * a bootstrapped account would.
 */
final class DelegateAccount {
  static final NodeUri DMACC = NodeUri.of("./DMAcc");

  private DelegateAccount() {}

  /** The node name of the account whose ServerID is {@code serverId}, if there is one. */
  static Optional<String> find(Accounts accounts, TreeOperations ops, String serverId)
      throws DmException {
    return accounts.node(ops, serverId).map(NodeUri::name);
  }

  /** Creates the account; returns its node name (the ServerID's safe characters, made unique). */
  static String create(Accounts accounts, TreeOperations ops, DelegationDocument doc)
      throws DmException {
    String base = doc.delegate().replaceAll("[^A-Za-z0-9._-]", "_");
    String name = base;
    for (int n = 2; Nodes.exists(ops, DMACC.child(name)); n++) {
      name = base + "-" + n;
    }
    accounts.write(
        ops,
        new AccountSpec(
            name,
            doc.delegate(),
            doc.name().orElse(doc.delegate()),
            doc.address().orElseThrow(),
            doc.authType(),
            doc.authName(),
            doc.authSecret()));
    return name;
  }
}
