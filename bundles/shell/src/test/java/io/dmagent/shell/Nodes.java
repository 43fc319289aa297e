package io.dmagent.shell;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Occurrence;
import io.dmagent.api.description.Scope;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Real api values for the tests: NodeResults as a Get answers them, DDF leaf descriptions. */
final class Nodes {
  private Nodes() {}

  static NodeResult interior(String uri, String moType, String... children) {
    return NodeResult.interior(NodeUri.of(uri), List.of(children), moType);
  }

  static NodeResult leaf(String uri, String text) {
    return NodeResult.leaf(NodeUri.of(uri), NodeValue.text(text));
  }

  static NodeResult leaf(String uri, NodeValue value) {
    return NodeResult.leaf(NodeUri.of(uri), value);
  }

  static NodeDescription leafDescription(String name, AccessType... access) {
    return new NodeDescription(
        name,
        Optional.empty(),
        Set.of(access),
        Optional.empty(),
        Optional.empty(),
        NodeFormat.CHR,
        Occurrence.ONE,
        Scope.DYNAMIC,
        Optional.empty(),
        List.of("text/plain"),
        true,
        List.of());
  }

  /**
   * A {@link Secrets} over a DMAcc-like DDF: AAuthSecret and AAuthData lack Get; every other
   * described leaf has it; nodes under ./Vendor are not described at all.
   */
  static Secrets dmAccSecrets() {
    Map<String, NodeDescription> byName =
        Map.of(
            "AAuthSecret", leafDescription("AAuthSecret", AccessType.ADD, AccessType.REPLACE),
            "AAuthData", leafDescription("AAuthData", AccessType.ADD, AccessType.REPLACE),
            "AAuthName", leafDescription("AAuthName", AccessType.ADD, AccessType.GET),
            "ServerID", leafDescription("ServerID", AccessType.GET));
    return new Secrets(
        uri ->
            uri.segments().isEmpty() || !uri.segments().get(0).equals("DMAcc")
                ? Optional.empty()
                : Optional.ofNullable(byName.get(uri.name())));
  }
}
