package io.dmagent.policy;

import io.dmagent.api.policy.PolicyAction;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.TreeTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code atomic}: the commands of related management objects bound into one action (HLF-6), run in
 * one tree transaction with the owner's rights: all of them take effect or none does.
 */
final class AtomicAction implements PolicyAction {
  private final List<TreeCommand> commands;
  private final DmTree tree;

  AtomicAction(List<TreeCommand> commands, DmTree tree) {
    this.commands = List.copyOf(commands);
    this.tree = tree;
  }

  /** Every node its commands write. */
  java.util.Set<io.dmagent.api.tree.NodeUri> writes() {
    java.util.Set<io.dmagent.api.tree.NodeUri> all = new java.util.HashSet<>();
    commands.forEach(c -> all.addAll(c.writes()));
    return all;
  }

  @Override
  public String run(PolicyContext context) throws DmException {
    List<String> done = new ArrayList<>();
    try (TreeTransaction tx = tree.begin(context.owner())) {
      for (TreeCommand c : commands) {
        done.add(c.runOn(tx));
      }
      tx.commit();
    }
    return "atomic [" + String.join("; ", done) + "]";
  }
}
