package io.dmagent.api.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * What a condition or an action sees of the policy it runs for: the policy's URI, the server that
 * owns it (whose rights bound everything it does), the engine's clock, and reads of the tree with
 * those rights.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PolicyContext {

  /** The policy's node, e.g. {@code ./MgmtPolicy/Policies/door-relay}. */
  NodeUri policy();

  /** The server that owns the policy; its ACL rights bound every read and write. */
  Principal owner();

  Instant now();

  /**
   * The value of a leaf read with the owner's rights; empty when the node does not exist.
   *
   * @throws DmException 425 when the owner may not Get it, 406 for an interior node
   */
  Optional<NodeValue> read(NodeUri uri) throws DmException;
}
