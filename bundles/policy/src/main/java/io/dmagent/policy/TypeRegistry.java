package io.dmagent.policy;

import io.dmagent.api.policy.PolicyActionType;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.tree.DmTree;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The condition and action types policies may name: the built-in ones, and those other bundles
 * register (OSR-02), by type name. A built-in name cannot be taken by an extension.
 */
final class TypeRegistry {
  /** Names the compiler itself handles: compound conditions and bound actions. */
  static final Set<String> STRUCTURAL = Set.of("and", "or", "not", "atomic");

  private final Map<String, PolicyConditionType> builtInConditions;
  private final Map<String, PolicyActionType> builtInActions;
  private final Map<String, PolicyConditionType> conditions = new ConcurrentHashMap<>();
  private final Map<String, PolicyActionType> actions = new ConcurrentHashMap<>();

  TypeRegistry(DmTree tree, SystemProperties system, java.time.ZoneId zone) {
    builtInConditions =
        Map.of(
            CompareType.NAME, new CompareType(),
            ChangeType.NAME, new ChangeType(),
            TimeType.NAME, new TimeType(zone),
            SystemType.NAME, new SystemType(system));
    Map<String, PolicyActionType> a = new java.util.HashMap<>();
    for (CommandType.Kind k : CommandType.Kind.values()) {
      a.put(k.typeName(), new CommandType(k, tree));
    }
    builtInActions = Map.copyOf(a);
  }

  Optional<PolicyConditionType> condition(String name) {
    PolicyConditionType t = builtInConditions.get(name);
    return t != null ? Optional.of(t) : Optional.ofNullable(conditions.get(name));
  }

  Optional<PolicyActionType> action(String name) {
    PolicyActionType t = builtInActions.get(name);
    return t != null ? Optional.of(t) : Optional.ofNullable(actions.get(name));
  }

  /** Whether {@code name} is one of the engine's own types (checked as their nodes arrive). */
  boolean isBuiltIn(String name) {
    return builtInConditions.containsKey(name) || builtInActions.containsKey(name);
  }

  /** Adds an extension type; false when the name is a built-in one or already taken. */
  boolean addCondition(String name, PolicyConditionType type) {
    return !isReserved(name) && conditions.putIfAbsent(name, type) == null;
  }

  void removeCondition(String name, PolicyConditionType type) {
    conditions.remove(name, type);
  }

  boolean addAction(String name, PolicyActionType type) {
    return !isReserved(name) && actions.putIfAbsent(name, type) == null;
  }

  void removeAction(String name, PolicyActionType type) {
    actions.remove(name, type);
  }

  private boolean isReserved(String name) {
    return name == null
        || name.isBlank()
        || STRUCTURAL.contains(name)
        || builtInConditions.containsKey(name)
        || builtInActions.containsKey(name);
  }
}
