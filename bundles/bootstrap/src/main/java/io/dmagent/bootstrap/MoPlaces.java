package io.dmagent.bootstrap;

import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import java.util.Optional;

/**
 * Where an MO given to the Inbox goes, as the DDFs of the MOs on this device say: the instance of
 * the unnamed node that declares its identifier, or the named node itself. The DMAcc identifier of
 * DM 1.2 ({@code dmacc:1.0}) goes where the DM 1.3 one does: its layout is a subset.
 */
final class MoPlaces {
  static final String DMACC_10 = "urn:oma:mo:oma-dm-dmacc:1.0";
  static final String DMACC_11 = "urn:oma:mo:oma-dm-dmacc:1.1";

  private final MgmtTreeDescription description;

  MoPlaces(MgmtTreeDescription description) {
    this.description = description;
  }

  /** The place of an MO named {@code name} with identifier {@code moId}, if this device has one. */
  Optional<NodeUri> place(String name, String moId) {
    String id = moId.equals(DMACC_10) ? DMACC_11 : moId;
    for (NodeDescription top : description.nodes()) {
      try {
        NodeUri parent = NodeUri.parse(top.path().orElse("."));
        Optional<NodeUri> at = find(parent, top, name, id);
        if (at.isPresent()) {
          return at;
        }
      } catch (DmException e) {
        // A description with a path that is no URI places nothing.
      }
    }
    return Optional.empty();
  }

  boolean supports(String moId) {
    return place("x", moId).isPresent();
  }

  private static Optional<NodeUri> find(NodeUri parent, NodeDescription d, String name, String id)
      throws DmException {
    NodeUri here = d.isPlaceholder() ? parent.child(name) : parent.child(d.name());
    if (d.moId().filter(id::equals).isPresent()) {
      return Optional.of(here);
    }
    if (d.isPlaceholder()) {
      return Optional.empty();
    }
    for (NodeDescription c : d.children()) {
      Optional<NodeUri> deeper = find(here, c, name, id);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }
}
