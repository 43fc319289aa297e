package io.dmagent.tree;

import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./Inbox} (StdObj): a server Adds an MO there and the device places it where the MO's
 * identifier belongs, as the DDFs of the grafted MOs tell. Nothing below the Inbox can be read.
 * These rules hold while a bundle grafts an MO at {@code ./Inbox}.
 */
final class Inbox {
  static final NodeUri ROOT = NodeUri.of("./Inbox");
  private final MoRegistry mos;

  Inbox(MoRegistry mos) {
    this.mos = mos;
  }

  boolean governs(NodeUri uri) {
    // Cheap test first: this runs for every node of a listing.
    return uri.depth() > 0 && uri.segments().get(0).equals("Inbox") && mos.isGrafted(ROOT);
  }

  static DmException notReadable(NodeUri uri) {
    return new DmException(
        StatusCode.COMMAND_NOT_ALLOWED, uri + " is in the Inbox, which only takes Add");
  }

  /**
   * Where an MO named {@code name} with identifier {@code moId} goes: the instance of the unnamed
   * node its DDF declares, or the named node itself.
   */
  NodeUri route(String name, String moId) throws DmException {
    if (moId == null || moId.isEmpty()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          "an Add to the Inbox needs the MO identifier (Type) of the object it carries");
    }
    for (MoGraft g : mos.grafts()) {
      if (g.root().equals(ROOT)) {
        continue;
      }
      Optional<NodeUri> at = find(g.root(), g.description(), name, moId);
      if (at.isPresent()) {
        return at.get();
      }
    }
    throw new DmException(
        StatusCode.NOT_FOUND, "no management object on this device takes an MO of type " + moId);
  }

  /** Walks named nodes only: a place below an unnamed node would need names the server gave. */
  private static Optional<NodeUri> find(NodeUri uri, NodeDescription d, String name, String moId)
      throws DmException {
    for (NodeDescription c : d.children()) {
      if (c.isPlaceholder()) {
        if (c.moId().filter(moId::equals).isPresent()) {
          return Optional.of(uri.child(name));
        }
        continue;
      }
      NodeUri child = uri.child(c.name());
      if (c.moId().filter(moId::equals).isPresent()) {
        return Optional.of(child);
      }
      Optional<NodeUri> deeper = find(child, c, name, moId);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }

  /** The name of an Add target directly below the Inbox; 405 for anything deeper. */
  static String entryName(NodeUri target) throws DmException {
    List<String> rel = target.relativeTo(ROOT);
    if (rel.size() != 1) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "an Add to the Inbox names one object: " + target);
    }
    return rel.get(0);
  }
}
