package io.dmagent.authority;

import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.NodeUri;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one delegation changed on the device, kept durably in the tree so that revocation and expiry
 * undo exactly that, even after a restart.
 *
 * @param account the DMAcc node name of the delegate's account
 * @param accountCreated whether the delegation created that account (revocation then removes it)
 * @param roots the subtrees delegated (the root for a full delegation)
 * @param held the nodes at and below {@code roots} whose own ACL named the delegate before the
 *     delegation: what revocation leaves it; empty for a record written before this was kept
 */
public record DelegationRecord(
    String id,
    String delegator,
    String delegate,
    DelegationDocument.Mode mode,
    Optional<Instant> expires,
    String account,
    boolean accountCreated,
    List<AclGrant> grants,
    List<NodeUri> roots,
    Optional<Set<NodeUri>> held) {

  public DelegationRecord {
    grants = List.copyOf(grants);
    roots = List.copyOf(roots);
    held = held.map(Set::copyOf);
  }

  public boolean expiredAt(Instant now) {
    return expires.isPresent() && !expires.get().isAfter(now);
  }

  /**
   * The rights one node's ACL gained for the delegate: the node's own ACL before (empty when it
   * inherited) and after, so that an untouched ACL is restored as it was.
   */
  public record AclGrant(NodeUri node, String before, String after, Set<AclRight> added) {
    public AclGrant {
      added = Set.copyOf(added);
    }
  }
}
