package io.dmagent.tree;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Scope;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.Optional;

/**
 * What the DDFs of the grafted management objects allow: AccessType (servers only: the device's own
 * code is trusted), Scope, Format and Occurrence (everyone). Nodes outside every MO, and the open
 * parts of an MO such as {@code Ext}, are not described and not checked.
 */
final class DdfRules {
  private final MoRegistry mos;

  DdfRules(MoRegistry mos) {
    this.mos = mos;
  }

  /**
   * The description of a node inside an MO; 405 when the MO's DDF has no place for it. Empty
   * outside MOs and in open parts.
   */
  Optional<NodeDescription> describe(NodeUri uri) throws DmException {
    Optional<MoGraft> owner = mos.owner(uri);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    Optional<NodeDescription> d = owner.get().describe(uri);
    if (d.isEmpty() && !owner.get().isOpen(uri)) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          uri + " has no place in the DDF of " + owner.get().root());
    }
    return d;
  }

  void requireAccess(Principal p, NodeUri uri, Optional<NodeDescription> d, AccessType access)
      throws DmException {
    if (!p.isDevice() && d.isPresent() && !d.get().accessTypes().contains(access)) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "the DDF does not allow " + wire(access) + " on " + uri);
    }
  }

  /** Checks an Add; returns the MO identifier an interior node takes from its DDF, if any. */
  Optional<String> checkAdd(
      WorkingTree w, Principal p, NodeUri uri, NodeValue leaf, Optional<NodeDescription> d)
      throws DmException {
    if (d.isEmpty()) {
      return Optional.empty();
    }
    NodeDescription desc = d.get();
    requireAccess(p, uri, d, AccessType.ADD);
    if (!p.isDevice() && desc.scope() == Scope.PERMANENT) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, uri + " is permanent: a server cannot create it");
    }
    checkFormat(uri, desc, leaf);
    checkOccurrence(w, uri, desc);
    return desc.moId();
  }

  void checkReplace(Principal p, NodeUri uri, NodeValue value, Optional<NodeDescription> d)
      throws DmException {
    if (d.isPresent()) {
      requireAccess(p, uri, d, AccessType.REPLACE);
      checkFormat(uri, d.get(), value);
    }
  }

  void checkDelete(Principal p, NodeUri uri, Optional<NodeDescription> d) throws DmException {
    if (d.isPresent()) {
      requireAccess(p, uri, d, AccessType.DELETE);
      if (d.get().scope() == Scope.PERMANENT) {
        throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, uri + " is permanent");
      }
    }
    for (NodeUri root : mos.rootsWithin(uri)) {
      if (!root.equals(uri) || d.isEmpty()) {
        throw new DmException(
            StatusCode.COMMAND_NOT_ALLOWED,
            uri + " holds the management object at " + root + ", which its bundle provides");
      }
    }
  }

  /** Only instances of unnamed nodes can be renamed: every other name is fixed by the DDF. */
  void checkRename(Principal p, NodeUri uri, Optional<NodeDescription> d) throws DmException {
    if (d.isPresent()) {
      requireAccess(p, uri, d, AccessType.REPLACE);
      if (!d.get().isPlaceholder() || d.get().scope() == Scope.PERMANENT) {
        throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "the DDF fixes the name of " + uri);
      }
    }
    if (!mos.rootsWithin(uri).isEmpty()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, uri + " is or holds a management object's root");
    }
  }

  private static void checkFormat(NodeUri uri, NodeDescription desc, NodeValue leaf)
      throws DmException {
    if (leaf == null) {
      if (!desc.isInterior()) {
        throw new DmException(
            StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
            uri + " is a leaf of Format " + desc.format().wireName() + " in its DDF");
      }
      return;
    }
    NodeFormat want = desc.format() == NodeFormat.B64 ? NodeFormat.BIN : desc.format();
    NodeFormat got = leaf.format() == NodeFormat.B64 ? NodeFormat.BIN : leaf.format();
    if (want != got) {
      throw new DmException(
          StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
          uri
              + " takes Format "
              + desc.format().wireName()
              + " by its DDF, not "
              + leaf.format().wireName());
    }
  }

  /** Occurrence: a parent holds at most {@code max} instances of a description (420 beyond). */
  private void checkOccurrence(WorkingTree w, NodeUri uri, NodeDescription desc)
      throws DmException {
    int max = desc.occurrence().max();
    if (uri.isRoot() || max == Integer.MAX_VALUE) {
      return;
    }
    NodeUri parent = uri.parent();
    int count = 0;
    for (String sibling : w.children(parent)) {
      Optional<NodeDescription> sd = mos.describe(NodeUris.child(parent, sibling));
      if (sd.isPresent() && sd.get() == desc) {
        count++;
      }
    }
    if (count >= max) {
      throw new DmException(
          StatusCode.DEVICE_FULL,
          parent + " already holds the " + max + " instance(s) its DDF allows for " + uri.name());
    }
  }

  private static String wire(AccessType a) {
    String n = a.name();
    return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
