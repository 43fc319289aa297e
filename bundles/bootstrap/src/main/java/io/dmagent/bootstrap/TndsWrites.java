package io.dmagent.bootstrap;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A TNDS document turned into node writes below the Add's target. Given to {@code ./Inbox}, each
 * top-level node is an MO whose Type names it: it goes where {@link MoPlaces} says, only the newest
 * supported version of an MO family is kept, and {@code ./Inbox/<name>...} values inside the same
 * document are rewritten to where {@code <name>} went.
 */
final class TndsWrites {
  static final NodeUri INBOX = NodeUri.of("./Inbox");

  private final MoPlaces places;
  private final Consumer<String> log;

  TndsWrites(MoPlaces places, Consumer<String> log) {
    this.places = places;
    this.log = log;
  }

  List<NodeWrite> writes(NodeUri target, TndsTree tree) throws Refusal {
    try {
      if (target.equals(INBOX)) {
        return inbox(tree);
      }
      List<NodeWrite> out = new ArrayList<>();
      for (TndsNode n : tree.nodes()) {
        node(at(target, n), n, Map.of(), out);
      }
      return out;
    } catch (DmException e) {
      throw Refusal.invalid("a TNDS node name is no URI segment: " + e.getMessage());
    }
  }

  private List<NodeWrite> inbox(TndsTree tree) throws DmException {
    Map<String, TndsNode> newest = new LinkedHashMap<>();
    for (TndsNode n : tree.nodes()) {
      Optional<String> moId = n.property(NodeProperty.TYPE);
      if (moId.isEmpty() || places.place(n.name(), moId.get()).isEmpty()) {
        log.accept(
            "bootstrap: MO "
                + WireText.quote(n.name())
                + " of type "
                + WireText.quote(moId.orElse(""))
                + " in the Inbox is not supported here, ignored");
        continue;
      }
      String family = family(moId.get());
      TndsNode kept = newest.get(family);
      if (kept == null || newer(moId.get(), kept.property(NodeProperty.TYPE).orElseThrow())) {
        if (kept != null) {
          log.accept("bootstrap: older version " + WireText.quote(typeOf(kept)) + " ignored");
        }
        newest.put(family, n);
      } else {
        log.accept("bootstrap: older version " + WireText.quote(moId.get()) + " ignored");
      }
    }
    Map<String, NodeUri> moved = new HashMap<>();
    for (TndsNode n : newest.values()) {
      moved.put(n.name(), places.place(n.name(), typeOf(n)).orElseThrow());
    }
    List<NodeWrite> out = new ArrayList<>();
    for (TndsNode n : newest.values()) {
      node(moved.get(n.name()), n, moved, out);
    }
    return out;
  }

  private static String typeOf(TndsNode n) {
    return n.property(NodeProperty.TYPE).orElse("");
  }

  private void node(NodeUri uri, TndsNode n, Map<String, NodeUri> moved, List<NodeWrite> out)
      throws DmException {
    if (n.isInterior() || (n.value().isEmpty() && n.format().isEmpty())) {
      Optional<String> type =
          n.property(NodeProperty.TYPE)
              .map(t -> t.equals(MoPlaces.DMACC_10) ? MoPlaces.DMACC_11 : t);
      out.add(new NodeWrite.Interior(uri, type));
      acl(uri, n, out);
      for (TndsNode c : n.children()) {
        node(at(uri, c), c, moved, out);
      }
      return;
    }
    NodeFormat format = n.format().orElse(NodeFormat.CHR);
    String type = n.property(NodeProperty.TYPE).orElse(NodeValue.TEXT_PLAIN);
    byte[] value = n.value().orElse(new byte[0]);
    if (format == NodeFormat.CHR && !moved.isEmpty()) {
      value =
          rewrite(new String(value, StandardCharsets.UTF_8), moved)
              .getBytes(StandardCharsets.UTF_8);
    }
    out.add(new NodeWrite.Leaf(uri, NodeValue.of(value, format, type)));
    acl(uri, n, out);
  }

  private static void acl(NodeUri uri, TndsNode n, List<NodeWrite> out) {
    n.property(NodeProperty.ACL).ifPresent(acl -> out.add(new NodeWrite.AclOf(uri, acl)));
  }

  /** {@code ./Inbox/<name>/rest} to the place {@code <name>} went, other values as they are. */
  static String rewrite(String value, Map<String, NodeUri> moved) {
    String prefix = "./Inbox/";
    if (!value.startsWith(prefix)) {
      return value;
    }
    String rest = value.substring(prefix.length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    NodeUri to = moved.get(name);
    return to == null ? value : to + (slash < 0 ? "" : rest.substring(slash));
  }

  private static NodeUri at(NodeUri base, TndsNode n) throws DmException {
    NodeUri parent = n.path().isPresent() ? base.resolve(n.path().get()) : base;
    return n.name().isEmpty() ? parent : parent.child(n.name());
  }

  static String family(String moId) {
    int colon = moId.lastIndexOf(':');
    return colon < 0 ? moId : moId.substring(0, colon);
  }

  /** Whether {@code a}'s version (after the last ':') is above {@code b}'s, numerically. */
  static boolean newer(String a, String b) {
    String[] va = version(a);
    String[] vb = version(b);
    for (int i = 0; i < Math.max(va.length, vb.length); i++) {
      int x = i < va.length ? number(va[i]) : 0;
      int y = i < vb.length ? number(vb[i]) : 0;
      if (x != y) {
        return x > y;
      }
    }
    return false;
  }

  private static String[] version(String moId) {
    int colon = moId.lastIndexOf(':');
    return (colon < 0 ? "" : moId.substring(colon + 1)).split("\\.");
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
