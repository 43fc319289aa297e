package io.dmagent.policy;

import io.dmagent.api.log.WireText;
import io.dmagent.api.policy.PolicyAction;
import io.dmagent.api.policy.PolicyActionType;
import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a policy as a whole and makes it runnable: every condition and action made by its type
 * (built-in or extension, the same way), the trigger's references resolved without loops, the modes
 * known, and no action writing a node its own trigger watches (a cycle). While a download is under
 * way ({@code partial}), what has not come yet is skipped and only what is wrong refuses.
 */
final class Compiler {
  private final TypeRegistry types;
  private final DmTree tree;
  private final Clock clock;

  Compiler(TypeRegistry types, DmTree tree, Clock clock) {
    this.types = types;
    this.tree = tree;
    this.clock = clock;
  }

  CompiledPolicy compile(PolicyDefinition def, Principal owner) throws DmException {
    return compile(def, owner, false).orElseThrow();
  }

  /** Checks what is there of a policy being downloaded; throws only for what is wrong. */
  void checkPartial(PolicyDefinition def, Principal owner) throws DmException {
    compile(def, owner, true);
  }

  private Optional<CompiledPolicy> compile(PolicyDefinition def, Principal owner, boolean partial)
      throws DmException {
    OwnerContext context = new OwnerContext(def.uri(), owner, tree, clock);
    boolean stop = mode(def.onFailure(), "OnFailure", List.of("stop", "continue")).equals("stop");
    String report = mode(def.report(), "Report", List.of("session", "sessionless", "none"));
    String state = mode(def.state(), "State", List.of("inactive", "active"));
    Optional<PolicyCondition> trigger = trigger(def, context, partial);
    Optional<List<CompiledPolicy.Step>> steps = steps(def, context, partial);
    if (trigger.isPresent() && steps.isPresent()) {
      refuseCycle(trigger.get(), steps.get());
    }
    if (partial) {
      return Optional.empty();
    }
    return Optional.of(
        new CompiledPolicy(
            def.uri(),
            context,
            trigger.orElseThrow(),
            steps.orElseThrow(),
            stop,
            CompiledPolicy.ReportMode.valueOf(report.toUpperCase(Locale.ROOT)),
            state.equals("active")));
  }

  private static String mode(Optional<String> value, String node, List<String> allowed)
      throws DmException {
    if (value.isEmpty()) {
      return allowed.get(0);
    }
    String v = value.get().strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new DmException(
          StatusCode.BAD_REQUEST,
          node + " is " + WireText.quote(value.get()) + ", one of " + allowed + " expected");
    }
    return v;
  }

  // ---- conditions

  private Optional<PolicyCondition> trigger(
      PolicyDefinition def, OwnerContext context, boolean partial) throws DmException {
    Map<String, PolicyDefinition.Part> all = def.conditions();
    try {
      String name = triggerName(def);
      return Optional.ofNullable(condition(name, all, context, new LinkedHashSet<>(), partial));
    } catch (Incomplete e) {
      if (partial) {
        // Each condition on its own still gets checked: a bad one refuses the download now.
        for (String name : all.keySet()) {
          try {
            condition(name, all, context, new LinkedHashSet<>(), true);
          } catch (Incomplete notYet) {
            // comes later
          }
        }
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String triggerName(PolicyDefinition def) throws DmException {
    if (def.trigger().isPresent()) {
      return def.trigger().get().strip();
    }
    if (def.conditions().size() == 1) {
      return def.conditions().keySet().iterator().next();
    }
    throw new Incomplete(
        def.conditions().isEmpty()
            ? "the policy has no condition"
            : "the policy has several conditions and no Trigger naming one");
  }

  private PolicyCondition condition(
      String name,
      Map<String, PolicyDefinition.Part> all,
      OwnerContext context,
      Set<String> path,
      boolean partial)
      throws DmException {
    PolicyDefinition.Part part = all.get(name);
    if (part == null) {
      throw new Incomplete("no condition named " + WireText.quote(name));
    }
    if (!path.add(name)) {
      throw new DmException(
          StatusCode.BAD_REQUEST, "conditions refer to each other in a loop: " + path);
    }
    String type =
        part.type().orElseThrow(() -> new Incomplete("condition " + name + " has no Type"));
    try {
      return switch (type) {
        case "and", "or", "not" -> compound(type, part, all, context, path, partial);
        default -> {
          PolicyConditionType t =
              types.condition(type).orElseThrow(() -> new MissingType("condition", type));
          if (partial && !types.isBuiltIn(type)) {
            // An extension cannot tell a parameter still to come from a wrong one: it checks
            // them when the policy is whole (committed or activated).
            yield null;
          }
          yield t.create(part.parameters(), context);
        }
      };
    } finally {
      path.remove(name);
    }
  }

  private PolicyCondition compound(
      String type,
      PolicyDefinition.Part part,
      Map<String, PolicyDefinition.Part> all,
      OwnerContext context,
      Set<String> path,
      boolean partial)
      throws DmException {
    Params p = new Params(type + " condition " + part.name(), part.parameters());
    p.onlyKnown("Operands");
    List<String> names = names(p.required("Operands"));
    if (type.equals("not") && names.size() != 1) {
      throw new DmException(StatusCode.BAD_REQUEST, "not takes one operand, has " + names.size());
    }
    List<PolicyCondition> operands = new ArrayList<>();
    for (String n : names) {
      PolicyCondition c = condition(n, all, context, path, partial);
      if (c == null) {
        throw new Incomplete("condition " + n + " is checked when the policy is whole");
      }
      operands.add(c);
    }
    return new Compound(Compound.Kind.valueOf(type.toUpperCase(Locale.ROOT)), operands);
  }

  private static List<String> names(String list) throws DmException {
    List<String> out = new ArrayList<>();
    for (String n : list.split(",")) {
      if (!n.isBlank()) {
        out.add(n.strip());
      }
    }
    if (out.isEmpty()) {
      throw new DmException(StatusCode.BAD_REQUEST, "an empty list of names");
    }
    return out;
  }

  // ---- actions

  private Optional<List<CompiledPolicy.Step>> steps(
      PolicyDefinition def, OwnerContext context, boolean partial) throws DmException {
    Map<String, PolicyAction> made = new java.util.LinkedHashMap<>();
    Map<String, List<String>> bound = new java.util.LinkedHashMap<>();
    boolean complete = !def.actions().isEmpty();
    if (!complete && !partial) {
      throw new Incomplete("the policy has no action");
    }
    for (PolicyDefinition.Part part : def.actions()) {
      try {
        String type =
            part.type().orElseThrow(() -> new Incomplete("action " + part.name() + " has no Type"));
        if (type.equals("atomic")) {
          Params p = new Params("atomic action " + part.name(), part.parameters());
          p.onlyKnown("Steps");
          bound.put(part.name(), names(p.required("Steps")));
        } else {
          PolicyActionType t =
              types.action(type).orElseThrow(() -> new MissingType("action", type));
          if (partial && !types.isBuiltIn(type)) {
            complete = false; // checked when the policy is whole, as for conditions
            continue;
          }
          made.put(part.name(), t.create(part.parameters(), context));
        }
      } catch (Incomplete e) {
        if (!partial) {
          throw e;
        }
        complete = false;
      }
    }
    try {
      List<CompiledPolicy.Step> steps = bind(made, bound);
      return complete ? Optional.of(steps) : Optional.empty();
    } catch (Incomplete e) {
      if (!partial) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** Folds the commands an atomic action binds into it: they no longer run on their own. */
  private List<CompiledPolicy.Step> bind(
      Map<String, PolicyAction> made, Map<String, List<String>> bound) throws DmException {
    Set<String> taken = new HashSet<>();
    Map<String, PolicyAction> atomics = new java.util.HashMap<>();
    for (Map.Entry<String, List<String>> a : bound.entrySet()) {
      List<TreeCommand> commands = new ArrayList<>();
      for (String step : a.getValue()) {
        if (!made.containsKey(step) && !bound.containsKey(step)) {
          throw new Incomplete(
              "atomic action " + a.getKey() + ": no action named " + WireText.quote(step));
        }
        TreeCommand c = CommandType.commandOf(made.get(step));
        if (c == null) {
          throw new DmException(
              StatusCode.BAD_REQUEST,
              "atomic action "
                  + a.getKey()
                  + ": "
                  + WireText.quote(step)
                  + " is no DM command of the policy");
        }
        if (!taken.add(step)) {
          throw new DmException(StatusCode.BAD_REQUEST, "action " + step + " is bound twice");
        }
        commands.add(c);
      }
      atomics.put(a.getKey(), new AtomicAction(commands, tree));
    }
    List<String> order = new ArrayList<>(made.keySet());
    order.addAll(atomics.keySet());
    order.sort(PolicyDefinition.ACTION_ORDER);
    List<CompiledPolicy.Step> steps = new ArrayList<>();
    for (String name : order) {
      if (!taken.contains(name)) {
        steps.add(new CompiledPolicy.Step(name, made.getOrDefault(name, atomics.get(name))));
      }
    }
    return List.copyOf(steps);
  }

  // ---- cycles

  /** An action that writes a node its trigger watches would set the policy off again. */
  private static void refuseCycle(PolicyCondition trigger, List<CompiledPolicy.Step> steps)
      throws DmException {
    Set<NodeUri> watched = trigger.watchedNodes();
    for (CompiledPolicy.Step step : steps) {
      for (NodeUri written : writes(step.action())) {
        for (NodeUri w : watched) {
          if (w.isAncestorOrSelfOf(written) || written.isAncestorOrSelfOf(w)) {
            throw new DmException(
                StatusCode.BAD_REQUEST,
                "cycle: action "
                    + step.name()
                    + " writes "
                    + written
                    + ", which the condition watches");
          }
        }
      }
    }
  }

  private static Set<NodeUri> writes(PolicyAction action) {
    if (action instanceof AtomicAction a) {
      return a.writes();
    }
    TreeCommand c = CommandType.commandOf(action);
    return c == null ? Set.of() : c.writes();
  }
}
