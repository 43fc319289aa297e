package io.dmagent.shell;

import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What {@code dm:get} prints for each kind of target. */
final class GetOutput {
  private GetOutput() {}

  /** A leaf's whole value (masked if secret), or an interior node's child names, one a line. */
  static String node(NodeResult r, Predicate<NodeUri> secret) {
    if (r.isLeaf()) {
      if (secret.test(r.uri())) {
        return Secrets.MASK;
      }
      return r.value().map(ValueText::full).orElse("");
    }
    return String.join("\n", r.children());
  }

  /** A property's value; an ACL answered from a parent says so on a second line. */
  static String property(PropertyResult p) {
    return p.status() == StatusCode.OK_WITH_INHERITED_ACL
        ? p.value() + "\n(" + p.status().code() + ": inherited ACL)"
        : p.value();
  }

  /**
   * {@code ?list=Struct|StructData}: one line per node, its URI, {@code /} and its MO identifier
   * for interior nodes, the Format of a leaf for Struct and its value for StructData.
   */
  static String structure(List<NodeResult> nodes, Predicate<NodeUri> secret) {
    return nodes.stream().map(n -> structureLine(n, secret)).collect(Collectors.joining("\n"));
  }

  private static String structureLine(NodeResult n, Predicate<NodeUri> secret) {
    if (!n.isLeaf()) {
      String uri = n.uri().isRoot() ? "." : n.uri() + "/";
      return uri + n.type().filter(t -> !t.isEmpty()).map(t -> " [" + t + "]").orElse("");
    }
    if (n.value().isEmpty()) {
      return n.uri() + " (" + n.format() + ")";
    }
    return n.uri()
        + " = "
        + (secret.test(n.uri()) ? Secrets.MASK : ValueText.oneLine(n.value().get()));
  }

  /** {@code ?moid=}: every location of the MO, one URI a line. */
  static String locations(List<NodeUri> uris, String moId) {
    if (uris.isEmpty()) {
      return "(no node of type " + moId + ")";
    }
    return uris.stream().map(NodeUri::toString).collect(Collectors.joining("\n"));
  }
}
