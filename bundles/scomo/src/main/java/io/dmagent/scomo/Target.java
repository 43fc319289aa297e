package io.dmagent.scomo;

import io.dmagent.api.tree.NodeUri;
import java.util.List;
import java.util.Optional;

/**
 * The node an Exec names, split into where it is ({@code Download}, {@code Delivered}, {@code
 * Deployed}), the package or component node and the operation.
 */
record Target(Place place, String node, String operation, NodeUri uri) {
  enum Place {
    DOWNLOAD,
    DELIVERED,
    DEPLOYED
  }

  /** The package's or component's node ({@code .../Deployed/<x>}). */
  NodeUri item() {
    return uri.parent().parent();
  }

  static Optional<Target> of(NodeUri uri) {
    if (!ScomoNodes.ROOT.isAncestorOrSelfOf(uri)) {
      return Optional.empty();
    }
    List<String> s = uri.relativeTo(ScomoNodes.ROOT);
    if (s.size() == 4 && s.get(0).equals("Download") && s.get(2).equals("Operations")) {
      return known(Place.DOWNLOAD, s.get(1), s.get(3), uri, ScomoNodes.DOWNLOAD_OPERATIONS);
    }
    if (s.size() == 5 && s.get(0).equals("Inventory") && s.get(3).equals("Operations")) {
      if (s.get(1).equals("Delivered")) {
        return known(Place.DELIVERED, s.get(2), s.get(4), uri, ScomoNodes.DELIVERED_OPERATIONS);
      }
      if (s.get(1).equals("Deployed")) {
        return known(Place.DEPLOYED, s.get(2), s.get(4), uri, ScomoNodes.DEPLOYED_OPERATIONS);
      }
    }
    return Optional.empty();
  }

  private static Optional<Target> known(
      Place place, String node, String op, NodeUri uri, List<String> operations) {
    return operations.contains(op)
        ? Optional.of(new Target(place, node, op, uri))
        : Optional.empty();
  }
}
