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
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Management Policy MO in the agent: registers {@code ./MgmtPolicy}, hears the tree's changes,
 * takes condition and action types from other bundles (OSR-02), and owns the engine's one thread,
 * which ends with the component.
 */
@Component(
    service = TreeChangeListener.class,
    configurationPid = PolicyConfig.PID,
    property = TreeChangeListener.SUBTREE + "=.")
@Designate(ocd = PolicyConfig.class)
public final class PolicyComponent implements TreeChangeListener {
  private final ExecutorScheduler scheduler;
  private final PolicyService service;
  private final Logger log;
  private final ServiceRegistration<ManagementObject> registration;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile AlertService alerts;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile SessionlessReports sessionless;

  @Activate
  public PolicyComponent(
      @Reference DmTree tree,
      PolicyConfig config,
      BundleContext context,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.log = log;
    Clock clock = Clock.systemUTC();
    this.scheduler = new ExecutorScheduler(clock);
    this.service =
        new PolicyService(
            tree,
            clock,
            scheduler,
            new PolicyService.Settings(
                config.maxResults(),
                config.throttleExecutions(),
                Duration.ofSeconds(Math.max(1, config.throttleWindowSeconds())),
                config.timeZone().isBlank()
                    ? ZoneId.systemDefault()
                    : ZoneId.of(config.timeZone())),
            new OsSystemProperties(config.location()),
            () -> Optional.ofNullable(alerts),
            () -> Optional.ofNullable(sessionless),
            log::info,
            log::warn);
    this.registration =
        context.registerService(ManagementObject.class, service.managementObject(), null);
    service.engine.start();
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    registration.unregister();
    service.engine.stop();
    scheduler.shutdown();
  }

  @Override
  public void treeChanged(List<TreeChange> changes) {
    service.treeChanged(changes);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addConditionType(PolicyConditionType type, Map<String, Object> props) {
    String name = String.valueOf(props.get(PolicyConditionType.TYPE));
    if (!service.addConditionType(name, type)) {
      log.warn("policy condition type " + name + " ignored: a built-in name or taken already");
    }
  }

  void removeConditionType(PolicyConditionType type, Map<String, Object> props) {
    service.removeConditionType(String.valueOf(props.get(PolicyConditionType.TYPE)), type);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addActionType(PolicyActionType type, Map<String, Object> props) {
    String name = String.valueOf(props.get(PolicyActionType.TYPE));
    if (!service.addActionType(name, type)) {
      log.warn("policy action type " + name + " ignored: a built-in name or taken already");
    }
  }

  void removeActionType(PolicyActionType type, Map<String, Object> props) {
    service.removeActionType(String.valueOf(props.get(PolicyActionType.TYPE)), type);
  }

  /** A management object came or went: policies that watch its nodes learn it. */
  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addManagementObject(ManagementObject mo) {
    service.managementObjectAdded(mo);
  }

  void removeManagementObject(ManagementObject mo) {
    service.managementObjectRemoved(mo);
  }
}
