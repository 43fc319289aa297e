package io.dmagent.authority;

import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.TreeOperations;
import java.util.Optional;

/**
 * The delegate's DM account in {@code ./DMAcc}: found by its ServerID, or created from the
 * delegation document (AppID w7, ServerID, Name, {@code AppAddr/1}, and {@code AppAuth/1} with
 * AAuthLevel CLCRED when the document carries credentials). The new account's ACL gives the
 * delegate Get and Replace on it, as a bootstrapped account would.
 */
final class DelegateAccount {
  static final NodeUri DMACC = NodeUri.of("./DMAcc");

  private DelegateAccount() {}

  /** The node name of the account whose ServerID is {@code serverId}, if there is one. */
  static Optional<String> find(TreeOperations ops, String serverId) throws DmException {
    if (!Nodes.exists(ops, DMACC)) {
      return Optional.empty();
    }
    for (String name : ops.get(DMACC).children()) {
      NodeUri id = DMACC.child(name).child("ServerID");
      if (Nodes.exists(ops, id)
          && ops.get(id).value().map(NodeValue::text).orElse("").equals(serverId)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** Creates the account; returns its node name (the ServerID's safe characters, made unique). */
  static String create(TreeOperations ops, DelegationDocument doc) throws DmException {
    String base = doc.delegate().replaceAll("[^A-Za-z0-9._-]", "_");
    String name = base;
    for (int n = 2; Nodes.exists(ops, DMACC.child(name)); n++) {
      name = base + "-" + n;
    }
    NodeUri acc = DMACC.child(name);
    ops.addInterior(acc, null);
    leaf(ops, acc, "AppID", "w7");
    leaf(ops, acc, "ServerID", doc.delegate());
    leaf(ops, acc, "Name", doc.name().orElse(doc.delegate()));
    NodeUri addr = acc.child("AppAddr").child("1");
    ops.addInterior(addr.parent(), null);
    ops.addInterior(addr, null);
    leaf(ops, addr, "Addr", doc.address().orElseThrow().toString());
    leaf(ops, addr, "AddrType", "URI");
    if (doc.authType().isPresent()) {
      leaf(ops, acc, "AAuthPref", doc.authType().get());
      NodeUri auth = acc.child("AppAuth").child("1");
      ops.addInterior(auth.parent(), null);
      ops.addInterior(auth, null);
      leaf(ops, auth, "AAuthLevel", "CLCRED");
      leaf(ops, auth, "AAuthType", doc.authType().get());
      leaf(ops, auth, "AAuthName", doc.authName());
      leaf(ops, auth, "AAuthSecret", doc.authSecret());
    }
    ops.replaceProperty(
        acc,
        NodeProperty.ACL,
        AclRight.GET.wireName()
            + "="
            + doc.delegate()
            + "&"
            + AclRight.REPLACE.wireName()
            + "="
            + doc.delegate());
    return name;
  }

  private static void leaf(TreeOperations ops, NodeUri parent, String name, String value)
      throws DmException {
    ops.addLeaf(parent.child(name), NodeValue.text(value));
  }
}
