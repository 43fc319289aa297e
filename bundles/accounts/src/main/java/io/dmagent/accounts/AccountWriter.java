package io.dmagent.accounts;

import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.PskCredentials;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;

/**
 * Creates or updates one DM account in {@code ./DMAcc} from configuration, as the device and all at
 * once: AppID w7, ServerID, Name, {@code AppAddr/1/{Addr, AddrType URI}} and, when the
 * configuration names a scheme, {@code AAuthPref} and {@code AppAuth/1} with AAuthLevel CLCRED;
 * when it names a PSK identity, {@code AppAuth/TLS} with AAuthLevel TLS and AAuthType PSK (see
 * {@link PskCredentials}). Nodes the configuration does not speak of (other addresses, server
 * credentials, Ext) are left as they are.
 */
final class AccountWriter {
  /** A name of its own, so that the entry never takes the place of CLCRED's or SRVCRED's. */
  static final String PSK_NODE = "TLS";

  private final DmTree tree;

  AccountWriter(DmTree tree) {
    this.tree = tree;
  }

  /** Writes the account in a transaction of its own; returns its node. */
  NodeUri write(AccountSpec spec) throws DmException {
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      NodeUri acc = write(tx, spec);
      tx.commit();
      return acc;
    }
  }

  /**
   * Writes the account into the caller's transaction and, when the spec has a server secret, {@code
   * AppAuth/2} with AAuthLevel SRVCRED: the credentials the server must present (its ServerID as
   * AAuthName, the account's scheme), so that the agent checks the server too.
   */
  static NodeUri write(TreeOperations tx, AccountSpec spec) throws DmException {
    String serverSecret = spec.serverSecret();
    NodeUri acc = AccountDirectory.child(AccountDirectory.DMACC, spec.node());
    interior(tx, acc);
    put(tx, acc, "AppID", "w7");
    put(tx, acc, "ServerID", spec.serverId());
    if (!spec.name().isEmpty()) {
      put(tx, acc, "Name", spec.name());
    }
    NodeUri addr = AccountDirectory.child(AccountDirectory.child(acc, "AppAddr"), "1");
    interior(tx, addr.parent());
    interior(tx, addr);
    put(tx, addr, "Addr", spec.address().toString());
    put(tx, addr, "AddrType", "URI");
    if (spec.authType().isPresent()) {
      put(tx, acc, "AAuthPref", spec.authType().get());
      NodeUri auth = AccountDirectory.child(AccountDirectory.child(acc, "AppAuth"), "1");
      interior(tx, auth.parent());
      interior(tx, auth);
      put(tx, auth, "AAuthLevel", "CLCRED");
      put(tx, auth, "AAuthType", spec.authType().get());
      put(tx, auth, "AAuthName", spec.authName());
      put(tx, auth, "AAuthSecret", spec.authSecret());
      if (!serverSecret.isEmpty()) {
        NodeUri srv = AccountDirectory.child(auth.parent(), "2");
        interior(tx, srv);
        put(tx, srv, "AAuthLevel", "SRVCRED");
        put(tx, srv, "AAuthType", spec.authType().get());
        put(tx, srv, "AAuthName", spec.serverId());
        put(tx, srv, "AAuthSecret", serverSecret);
      }
    }
    if (spec.pskIdentity().isPresent()) {
      writePsk(tx, acc, spec);
    }
    protect(tx, acc, spec.serverId());
    return acc;
  }

  /**
   * An account node without an ACL of its own would inherit the root's {@code Add=*}: any server
   * could add an address or credentials under it that sort before the configured ones and take the
   * account's sessions. Like a bootstrapped account (TND §1.7), it is its own server's: {@code
   * Get=<ServerID>&Replace=<ServerID>}. An ACL it already has (set by its server) is kept.
   */
  private static void protect(TreeOperations tx, NodeUri acc, String serverId) throws DmException {
    if (tx.getProperty(acc, NodeProperty.ACL).status() != StatusCode.OK_WITH_INHERITED_ACL) {
      return;
    }
    Acl acl = Acl.parse(AclRight.GET.wireName() + "=" + serverId);
    tx.replaceProperty(acc, NodeProperty.ACL, acl.grant(AclRight.REPLACE, serverId).toString());
  }

  /** AAuthSecret empty: the key is the HTTP binding's, configured for the identity. */
  private static void writePsk(TreeOperations tx, NodeUri acc, AccountSpec spec)
      throws DmException {
    NodeUri psk = AccountDirectory.child(AccountDirectory.child(acc, "AppAuth"), PSK_NODE);
    interior(tx, psk.parent());
    interior(tx, psk);
    put(tx, psk, "AAuthLevel", PskCredentials.LEVEL);
    put(tx, psk, "AAuthType", PskCredentials.TYPE);
    put(tx, psk, "AAuthName", spec.pskIdentity().get());
    put(tx, psk, "AAuthSecret", spec.pskKey());
  }

  private static void interior(TreeOperations ops, NodeUri uri) throws DmException {
    if (!exists(ops, uri)) {
      ops.addInterior(uri, null);
    }
  }

  private static void put(TreeOperations ops, NodeUri parent, String name, String value)
      throws DmException {
    NodeUri uri = AccountDirectory.child(parent, name);
    NodeValue v = NodeValue.text(value);
    if (exists(ops, uri)) {
      ops.replace(uri, v);
    } else {
      ops.addLeaf(uri, v);
    }
  }

  /**
   * Whether a node exists, asked of its parents' child lists: a Get of a missing node would leave a
   * refusal line in the tree's log for nothing.
   */
  private static boolean exists(TreeOperations ops, NodeUri uri) throws DmException {
    if (uri.isRoot()) {
      return true;
    }
    return exists(ops, uri.parent()) && ops.get(uri.parent()).children().contains(uri.name());
  }
}
