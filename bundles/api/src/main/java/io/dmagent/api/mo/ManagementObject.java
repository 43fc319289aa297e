package io.dmagent.api.mo;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.List;
import java.util.Optional;

/**
 * A management object contributed by a bundle (whiteboard): register an instance as an OSGi service
 * and the tree grafts its subtree at {@link #root()}, described by its DDF. Nodes are stored by the
 * tree like any other unless the MO answers them live; when the service goes away the subtree
 * disappears from the tree, and what was stored under it comes back when the service returns.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ManagementObject {

  /**
   * Where the subtree is grafted, e.g. {@code ./DevInfo}. Its parent must exist or be creatable as
   * interior.
   */
  NodeUri root();

  /**
   * The DDF (XML, DM DDF 1.2 DTD) describing the subtree. Its top-level Node is the root: NodeName
   * is the root's name and Path its parent's URI. Add/Replace under the root are checked against
   * it.
   */
  byte[] ddf();

  /**
   * The ACL the root takes when grafting creates it (the MO's first graft on this device), e.g.
   * {@code Exec=*&Get=*}; empty to inherit. It is written with the root, in the graft's own commit,
   * so no server ever sees the root without it. A root that already exists keeps the ACL it has: an
   * operator's or a server's choice stays across restarts.
   */
  default String rootAcl() {
    return "";
  }

  /**
   * The current value of a leaf the MO computes live (e.g. from the operating system); empty to let
   * the tree answer from its store.
   */
  default Optional<NodeValue> readLive(NodeUri uri) {
    return Optional.empty();
  }

  /**
   * Child names of an interior node the MO lists live; empty to let the tree answer from its store.
   */
  default Optional<List<String>> liveChildren(NodeUri uri) {
    return Optional.empty();
  }

  /**
   * Asked inside the tree's transaction before a write below the root commits ({@code value} is
   * empty for Delete and for interior nodes). Throwing vetoes the write; the exception's status
   * becomes the command's status.
   */
  default void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal)
      throws DmException {}

  /** Runs an Exec on a node of this MO. */
  default ExecResult exec(NodeUri uri, ExecRequest request, Principal principal)
      throws DmException {
    throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
  }
}
