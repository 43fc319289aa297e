package io.dmagent.codec.description;

import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Comparing and searching models. {@link TndsNode} holds its value as {@code Optional<byte[]>},
 * whose equals compares array identity, so TNDS trees are compared through a complete dump with the
 * bytes in hex.
 */
final class Models {
  private Models() {}

  /** One line per node with every field of the model; equal dumps mean equal models. */
  static List<String> dump(TndsTree tree) {
    List<String> lines = new ArrayList<>();
    lines.add("VerDTD=" + tree.verDtd() + " Man=" + tree.man() + " Mod=" + tree.mod());
    for (TndsNode n : tree.nodes()) {
      dump(n, "", lines);
    }
    return lines;
  }

  private static void dump(TndsNode n, String parent, List<String> lines) {
    String uri = parent + "/" + n.name();
    Map<String, String> props = new TreeMap<>();
    n.properties().forEach((k, v) -> props.put(k.wireName(), v));
    lines.add(
        uri
            + " path="
            + n.path()
            + " format="
            + n.format()
            + " props="
            + props
            + " value="
            + n.value().map(HexFormat.of()::formatHex)
            + " children="
            + n.children().size());
    for (TndsNode c : n.children()) {
      dump(c, uri, lines);
    }
  }

  static int count(TndsTree tree) {
    return tree.nodes().stream().mapToInt(Models::count).sum();
  }

  private static int count(TndsNode n) {
    return 1 + n.children().stream().mapToInt(Models::count).sum();
  }

  static int countDescriptions(List<NodeDescription> nodes) {
    return nodes.stream().mapToInt(n -> 1 + countDescriptions(n.children())).sum();
  }

  /** The description at a slash-separated name path from the given nodes; {@code <x>} = "". */
  static NodeDescription describe(List<NodeDescription> nodes, String path) {
    NodeDescription found = null;
    List<NodeDescription> level = nodes;
    for (String segment : path.split("/")) {
      String name = segment.equals("<x>") ? "" : segment;
      found = only(level, n -> n.name().equals(name), path);
      level = found.children();
    }
    return found;
  }

  /** The TNDS node at a slash-separated name path. */
  static TndsNode node(TndsTree tree, String path) {
    TndsNode found = null;
    List<TndsNode> level = tree.nodes();
    for (String segment : path.split("/")) {
      found = only(level, n -> n.name().equals(segment), path);
      level = found.children();
    }
    return found;
  }

  static String text(TndsNode n) {
    return new String(n.value().orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static <T> T only(List<T> level, Predicate<T> match, String path) {
    List<T> hits = level.stream().filter(match).toList();
    if (hits.size() != 1) {
      throw new AssertionError(hits.size() + " nodes match a segment of " + path);
    }
    return hits.get(0);
  }
}
