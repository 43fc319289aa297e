package io.dmagent.diagnostics;

import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.TreeOperations;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Gives the configured servers their rights on the diagnostics nodes: the root ACL ({@code
 * Add=*&Get=*}) lets a server read them but not run the self-test or keep a note. Applied as soon
 * as the nodes exist (now, or when the tree grafts them), and only to a node with no ACL of its
 * own, so that an ACL an operator or server set is never overwritten.
 */
@Component(
    service = TreeChangeListener.class,
    configurationPid = DiagnosticsConfig.PID,
    property = TreeChangeListener.SUBTREE + "=./Vendor/DMAgent/Diagnostics")
@Designate(ocd = DiagnosticsConfig.class)
public final class AccessGrant implements TreeChangeListener {
  private final DmTree tree;
  private final String[] servers;
  private final Consumer<String> info;
  private final Consumer<String> warn;

  @Activate
  public AccessGrant(
      @Reference DmTree tree,
      DiagnosticsConfig config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, config.servers(), log::info, log::warn);
  }

  /** For plain Java (tests of other bundles): grants to {@code servers} now where it can. */
  public AccessGrant(DmTree tree, String... servers) {
    this(tree, servers, line -> {}, line -> {});
  }

  AccessGrant(DmTree tree, String[] servers, Consumer<String> info, Consumer<String> warn) {
    this.tree = tree;
    this.servers = servers.clone();
    this.info = info;
    this.warn = warn;
    apply();
  }

  @Override
  public void treeChanged(List<TreeChange> changes) {
    if (changes.stream().anyMatch(c -> c.kind() == TreeChange.Kind.ADDED)) {
      apply();
    }
  }

  /** Grants where a node exists without an ACL of its own; quiet where there is nothing to do. */
  void apply() {
    grant(SelfTest.SELF_TEST, AclRight.EXEC);
    grant(SelfTest.NOTE, AclRight.REPLACE);
  }

  private void grant(NodeUri uri, AclRight right) {
    if (tree.describe(uri).isEmpty()) {
      return; // not grafted yet (asking the tree would log a refusal): the graft's event comes
    }
    TreeOperations ops = tree.operations(Principal.device());
    try {
      if (ops.getProperty(uri, NodeProperty.ACL).status() != StatusCode.OK_WITH_INHERITED_ACL) {
        return; // an ACL of its own: someone decided already
      }
      Acl acl = Acl.EMPTY.grant(AclRight.GET, Acl.WILDCARD);
      for (String server : servers) {
        if (!server.isBlank()) {
          acl = acl.grant(right, server.strip());
        }
      }
      ops.replaceProperty(uri, NodeProperty.ACL, acl.toString());
      info.accept(uri + " ACL set to " + acl);
    } catch (DmException e) {
      if (e.status() != StatusCode.NOT_FOUND) {
        warn.accept("cannot set the ACL of " + uri + ": " + e.getMessage());
      }
      // Not grafted yet: the change event of the graft brings us back.
    }
  }
}
