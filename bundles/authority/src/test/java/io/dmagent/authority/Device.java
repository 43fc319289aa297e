package io.dmagent.authority;

import io.dmagent.accounts.TreeAccounts;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.stdobj.DmAccObject;
import io.dmagent.tree.AclMode;
import io.dmagent.tree.PlainTree;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway for delegation tests: the real tree on a file with DMAcc and the authority object
 * grafted, and short ways to act on it as a server or as the device. Closing and opening again on
 * the same folder is a restart.
 */
final class Device implements AutoCloseable {
  final List<String> log = new CopyOnWriteArrayList<>();
  final PlainTree tree;
  final Accounts accounts;
  final AuthorityObject authority;

  Device(Path dir, Clock clock) throws Exception {
    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db"))
            .aclMode(AclMode.TND)
            .codec(new DdfTndsCodec())
            .log(log::add)
            .open();
    tree.graft(new DmAccObject());
    accounts = TreeAccounts.on(tree, log::add);
    authority = new AuthorityObject(tree, accounts, clock, log::add);
    tree.graft(authority);
  }

  TreeOperations as(String serverId) {
    return tree.operations(Principal.server(serverId));
  }

  TreeOperations device() {
    return tree.operations(Principal.device());
  }

  Device node(String uri, String acl) throws DmException {
    device().addInterior(NodeUri.of(uri), null);
    device().replaceProperty(NodeUri.of(uri), NodeProperty.ACL, acl);
    return this;
  }

  Device leaf(String uri, String value) throws DmException {
    device().addLeaf(NodeUri.of(uri), NodeValue.text(value));
    return this;
  }

  ExecResult delegate(String from, String document) throws DmException {
    return as(from)
        .exec(
            AuthorityObject.DELEGATE,
            new ExecRequest(Optional.of(NodeValue.text(document)), Optional.empty()));
  }

  ExecResult revoke(String by, String id) throws DmException {
    return as(by)
        .exec(
            AuthorityObject.REVOKE,
            new ExecRequest(Optional.of(NodeValue.text(id)), Optional.empty()));
  }

  String acl(String uri) throws DmException {
    return device().getProperty(NodeUri.of(uri), NodeProperty.ACL).value();
  }

  boolean exists(String uri) throws DmException {
    return Nodes.exists(device(), NodeUri.of(uri));
  }

  /** The status a server gets for Replace of a leaf, 200 when it went through. */
  int replaceStatus(String serverId, String uri, String value) {
    try {
      as(serverId).replace(NodeUri.of(uri), NodeValue.text(value));
      return StatusCode.OK.code();
    } catch (DmException e) {
      return e.status().code();
    }
  }

  @Override
  public void close() throws Exception {
    authority.close();
    tree.close();
  }
}
