package io.dmagent.bootstrap;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Bootstrap Config MO's initial access rights ({@code ./BootConfig/InitialARInfo/<x>/
 * {SubtreeURI, AccessCode}}): the rights a newly bootstrapped server gets on each subtree.
 * AccessCode bits: Get 1, Replace 2, Exec 4, Copy 8, Add 16, Delete 32; Copy has no ACL right in DM
 * 1.2 and grants nothing. A SubtreeURI that names no node is ignored, as the MO says.
 */
final class InitialAccessRights {
  static final NodeUri RULES = NodeUri.of("./BootConfig/InitialARInfo");
  private static final int[] BITS = {1, 2, 4, 16, 32};
  private static final AclRight[] RIGHTS = {
    AclRight.GET, AclRight.REPLACE, AclRight.EXEC, AclRight.ADD, AclRight.DELETE
  };

  private final Consumer<String> log;

  InitialAccessRights(Consumer<String> log) {
    this.log = log;
  }

  void grant(TreeOperations ops, Collection<String> serverIds) throws DmException {
    if (serverIds.isEmpty() || !TreeNodes.exists(ops, RULES)) {
      return;
    }
    for (String rule : TreeNodes.children(ops, RULES)) {
      NodeUri at = RULES.child(rule);
      Optional<String> subtree = TreeNodes.text(ops, at.child("SubtreeURI"));
      Optional<String> code = TreeNodes.text(ops, at.child("AccessCode"));
      if (subtree.isEmpty() || code.isEmpty()) {
        continue;
      }
      NodeUri uri;
      int bits;
      try {
        uri = NodeUri.parse(subtree.get().trim());
        bits = Integer.parseInt(code.get().trim());
      } catch (DmException | NumberFormatException e) {
        log.accept(
            "bootstrap: initial access rule " + WireText.quote(rule) + " unreadable, ignored");
        continue;
      }
      if (!TreeNodes.exists(ops, uri)) {
        continue;
      }
      Acl acl = Acl.parse(ops.getProperty(uri, NodeProperty.ACL).value());
      for (String id : serverIds) {
        for (int i = 0; i < BITS.length; i++) {
          if ((bits & BITS[i]) != 0) {
            acl = acl.grant(RIGHTS[i], id);
          }
        }
      }
      ops.replaceProperty(uri, NodeProperty.ACL, acl.toString());
    }
  }
}
