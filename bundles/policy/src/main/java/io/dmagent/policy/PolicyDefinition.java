package io.dmagent.policy;

import io.dmagent.api.tree.NodeUri;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A policy as its nodes state it, before any check: the named conditions and actions with their
 * types and parameters, the trigger, the failure and report modes, the state and the owner.
 */
record PolicyDefinition(
    NodeUri uri,
    Map<String, Part> conditions,
    Optional<String> trigger,
    List<Part> actions,
    Optional<String> onFailure,
    Optional<String> report,
    Optional<String> state,
    Optional<String> owner) {

  /** One condition or action: its name, its Type (absent when not given) and its parameters. */
  record Part(String name, Optional<String> type, Map<String, String> parameters) {}

  /**
   * Reads a policy from its nodes: {@code nodes} holds the path below the policy of every node,
   * {@code leaves} the value of every leaf.
   */
  static PolicyDefinition of(NodeUri uri, Set<String> nodes, Map<String, String> leaves) {
    return new PolicyDefinition(
        uri,
        parts(Layout.CONDITIONS, nodes, leaves),
        Optional.ofNullable(leaves.get(Layout.TRIGGER)),
        actionsInOrder(parts(Layout.ACTIONS, nodes, leaves)),
        Optional.ofNullable(leaves.get(Layout.ON_FAILURE)),
        Optional.ofNullable(leaves.get(Layout.REPORT)),
        Optional.ofNullable(leaves.get(Layout.STATE)),
        Optional.ofNullable(leaves.get(Layout.OWNER)));
  }

  /** Whether a condition or an action of the policy names {@code type}. */
  boolean uses(String type) {
    return conditions.values().stream().anyMatch(p -> p.type().filter(type::equals).isPresent())
        || actions.stream().anyMatch(p -> p.type().filter(type::equals).isPresent());
  }

  boolean wantsActive() {
    return state.map(s -> s.equalsIgnoreCase("Active")).orElse(false);
  }

  private static Map<String, Part> parts(
      String folder, Set<String> nodes, Map<String, String> leaves) {
    Set<String> names = new TreeSet<>();
    String prefix = folder + "/";
    for (String path : nodes) {
      if (path.startsWith(prefix)) {
        names.add(path.substring(prefix.length()).split("/", 2)[0]);
      }
    }
    Map<String, Part> out = new LinkedHashMap<>();
    for (String name : names) {
      String base = prefix + name + "/";
      Map<String, String> params = new TreeMap<>();
      leaves.forEach(
          (path, value) -> {
            if (path.startsWith(base) && path.indexOf('/', base.length()) < 0) {
              params.put(path.substring(base.length()), value);
            }
          });
      Optional<String> type = Optional.ofNullable(params.remove(Layout.TYPE)).map(String::strip);
      out.put(name, new Part(name, type, Map.copyOf(params)));
    }
    return out;
  }

  /** Actions run in the order of their names: numbers by value, then the others by name. */
  static final Comparator<String> ACTION_ORDER =
      Comparator.<String, Boolean>comparing(n -> !n.matches("\\d{1,9}"))
          .thenComparing(n -> n.matches("\\d{1,9}") ? Integer.parseInt(n) : 0)
          .thenComparing(Comparator.naturalOrder());

  private static List<Part> actionsInOrder(Map<String, Part> byName) {
    List<Part> list = new ArrayList<>(byName.values());
    list.sort(Comparator.comparing(Part::name, ACTION_ORDER));
    return List.copyOf(list);
  }
}
