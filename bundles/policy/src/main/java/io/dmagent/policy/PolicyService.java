package io.dmagent.policy;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.policy.PolicyActionType;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.report.SessionlessReports;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine's parts wired together, the same in the agent (by {@link PolicyComponent}) and in
 * tests: the MO, the download check, the engine, the types, and the listener that feeds them.
 */
final class PolicyService implements TreeChangeListener {
  /** What the configuration sets. */
  record Settings(int maxResults, int throttleExecutions, Duration throttleWindow, ZoneId zone) {}

  final TypeRegistry types;
  final PolicyEngine engine;
  final DownloadCheck check;
  final MgmtPolicyObject mo;

  PolicyService(
      DmTree tree,
      Clock clock,
      Scheduler scheduler,
      Settings settings,
      SystemProperties system,
      Supplier<Optional<AlertService>> alerts,
      Supplier<Optional<SessionlessReports>> sessionless,
      Consumer<String> info,
      Consumer<String> warn) {
    types = new TypeRegistry(tree, system, settings.zone());
    PolicyReader reader = new PolicyReader(tree);
    Compiler compiler = new Compiler(types, tree, clock);
    engine =
        new PolicyEngine(
            reader,
            compiler,
            new ResultBook(tree, settings.maxResults(), warn),
            new Reporter(alerts, sessionless, warn),
            scheduler,
            clock,
            new PolicyEngine.Throttle(settings.throttleExecutions(), settings.throttleWindow()),
            info,
            warn);
    check = new DownloadCheck(reader, compiler, engine, warn);
    mo = new MgmtPolicyObject(check, new Activation(tree, reader, compiler, engine, warn));
  }

  ManagementObject managementObject() {
    return mo;
  }

  /** An extension condition type came (OSR-02); false when its name is not free. */
  boolean addConditionType(String name, PolicyConditionType type) {
    boolean added = types.addCondition(name, type);
    if (added) {
      engine.providersChanged();
    }
    return added;
  }

  void removeConditionType(String name, PolicyConditionType type) {
    types.removeCondition(name, type);
    engine.typeRemoved(name);
  }

  boolean addActionType(String name, PolicyActionType type) {
    boolean added = types.addAction(name, type);
    if (added) {
      engine.providersChanged();
    }
    return added;
  }

  void removeActionType(String name, PolicyActionType type) {
    types.removeAction(name, type);
    engine.typeRemoved(name);
  }

  /** A management object came: policies waiting for its nodes look again. */
  void managementObjectAdded(ManagementObject added) {
    if (added != mo) {
      engine.arrived();
    }
  }

  /** A management object went: policies watching its nodes wait for them. */
  void managementObjectRemoved(ManagementObject removed) {
    if (removed != mo) {
      engine.withdrawn(removed.root());
    }
  }

  @Override
  public void treeChanged(List<TreeChange> changes) {
    for (TreeChange c : changes) {
      Layout.policyOf(c.uri()).ifPresent(check::committed);
    }
    engine.treeChanged(changes);
  }
}
