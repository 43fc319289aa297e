package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.UriLimits;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fluent fixture: a tree in memory, and short ways to act on it as the device or as a server. */
final class Trees {
  final List<String> log = new CopyOnWriteArrayList<>();
  final TreeStore store;
  final DmTreeService tree;

  private Trees(TreeStore store, UriLimits limits, AclMode mode) {
    this.store = store;
    tree = new DmTreeService(store, limits, mode, log::add);
  }

  private Trees(TreeStore store, int maxValueBytes) {
    this(store, UriLimits.DEFAULT, maxValueBytes);
  }

  private Trees(TreeStore store, UriLimits limits, int maxValueBytes) {
    this.store = store;
    tree =
        new DmTreeService(
            store, limits, AclMode.TND, maxValueBytes, Codecs.description(), log::add, log::add);
  }

  /** A tree that grafts management objects (their DDFs read by the real codec). */
  static Trees withMos() {
    return new Trees(TreeStore.inMemory(), 1 << 20);
  }

  static Trees withMos(TreeStore store) {
    return new Trees(store, 1 << 20);
  }

  static Trees withMos(TreeStore store, UriLimits limits) {
    return new Trees(store, limits, 1 << 20);
  }

  Trees graft(io.dmagent.api.mo.ManagementObject mo) {
    tree.addManagementObject(mo);
    return this;
  }

  Trees ungraft(io.dmagent.api.mo.ManagementObject mo) {
    tree.removeManagementObject(mo);
    return this;
  }

  static Trees inMemory() {
    return new Trees(TreeStore.inMemory(), UriLimits.DEFAULT, AclMode.TND);
  }

  static Trees inMemory(UriLimits limits) {
    return new Trees(TreeStore.inMemory(), limits, AclMode.TND);
  }

  static Trees inMemory(AclMode mode) {
    return new Trees(TreeStore.inMemory(), UriLimits.DEFAULT, mode);
  }

  static Trees on(TreeStore store) {
    return new Trees(store, UriLimits.DEFAULT, AclMode.TND);
  }

  TreeOperations device() {
    return tree.operations(Principal.device());
  }

  TreeOperations server(String id) {
    return tree.operations(Principal.server(id));
  }

  static NodeUri uri(String s) {
    return NodeUri.of(s);
  }

  Trees leaf(String uri, String value) throws DmException {
    device().addLeaf(uri(uri), NodeValue.text(value));
    return this;
  }

  Trees leaf(String uri, String value, NodeFormat format) throws DmException {
    device().addLeaf(uri(uri), NodeValue.of(value, format));
    return this;
  }

  Trees interior(String uri) throws DmException {
    device().addInterior(uri(uri), null);
    return this;
  }

  Trees acl(String uri, String acl) throws DmException {
    device().replaceProperty(uri(uri), io.dmagent.api.tree.NodeProperty.ACL, acl);
    return this;
  }

  String value(String uri) throws DmException {
    return device().get(uri(uri)).value().orElseThrow().text();
  }
}
