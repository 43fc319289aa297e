package io.dmagent.scomo;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The operations on delivered packages (Install, InstallInactive, Remove) and deployed components
 * (Activate, Deactivate, Remove). Each ends with a report to the server that asked, except an
 * install, whose report waits for the update's confirmation or rollback ({@link UpdateWatch}).
 */
final class ComponentOperations {
  private final Deployer deployer;
  private final Inventory inventory;
  private final FeatureOperations features;
  private final DeliveredStore delivered;
  private final FeatureRecords records;
  private final JarKeeper jars;
  private final SafeUpdate updates;
  private final UpdateWatch watch;
  private final InventoryTree tree;
  private final Reporter reporter;
  private final Duration confirmWithin;
  private final SessionGate gate;
  private final Consumer<String> warn;
  private final Runnable changed;

  ComponentOperations(
      Deployer deployer,
      Inventory inventory,
      FeatureOperations features,
      DeliveredStore delivered,
      FeatureRecords records,
      JarKeeper jars,
      SafeUpdate updates,
      UpdateWatch watch,
      InventoryTree tree,
      Reporter reporter,
      Duration confirmWithin,
      SessionGate gate,
      Consumer<String> warn,
      Runnable changed) {
    this.deployer = deployer;
    this.inventory = inventory;
    this.features = features;
    this.delivered = delivered;
    this.records = records;
    this.jars = jars;
    this.updates = updates;
    this.watch = watch;
    this.tree = tree;
    this.reporter = reporter;
    this.confirmWithin = confirmWithin;
    this.gate = gate;
    this.warn = warn;
    this.changed = changed;
  }

  /**
   * Installs the delivered package {@code node}; {@code statusNode} is the node whose Status shows
   * it (the Delivered node, or the Download node of a DownloadInstall).
   */
  void install(String node, boolean activate, Asker asker, NodeUri source, NodeUri statusNode)
      throws InterruptedException {
    gate.awaitEnd(asker.serverId());
    Optional<DeliveredStore.Delivered> d = delivered.find(node);
    if (d.isEmpty()) {
      report(asker, source, ResultCode.INSTALL_FAILED, node, "no delivered package " + node);
      return;
    }
    boolean fromDownload = !statusNode.parent().equals(ScomoNodes.DELIVERED);
    status(
        statusNode,
        fromDownload
            ? ScomoNodes.DOWNLOAD_INSTALL_PROGRESSING
            : ScomoNodes.DELIVERED_INSTALL_PROGRESSING);
    try {
      ComponentPackage pkg = ComponentPackage.read(d.get().file());
      PendingUpdate pending =
          updates.apply(
              pkg,
              d.get().file(),
              activate,
              new SafeUpdate.Request(
                  asker.serverId(), asker.correlator(), source.toString(), confirmWithin));
      remember(pkg, d.get().signer());
      delivered.remove(node);
      changed.run();
      if (fromDownload) {
        status(statusNode, ScomoNodes.DOWNLOAD_COMPLETE);
      }
      watch.watch(pending);
    } catch (OperationFailure e) {
      status(
          statusNode,
          fromDownload
              ? ScomoNodes.DOWNLOAD_INSTALL_FAILED_WITH_DATA
              : ScomoNodes.DELIVERED_INSTALL_FAILED_WITH_DATA);
      changed.run();
      report(asker, source, e.code(), d.get().pkgId(), e.getMessage());
    } catch (IOException e) {
      report(asker, source, ResultCode.INSTALL_FAILED, d.get().pkgId(), e.toString());
    }
  }

  private void remember(ComponentPackage pkg, String signer) throws IOException {
    if (pkg.feature()) {
      records.addFeature(pkg);
      records.signer(pkg.id(), signer);
    }
    for (ComponentPackage.Member m : pkg.bundles()) {
      records.signer(m.symbolicName(), signer);
    }
  }

  /**
   * Install, InstallInactive or Remove of a delivered package, or of a distribution feature the
   * gateway does not run (through the runtime's feature service).
   */
  void onDelivered(Target t, Asker asker) throws InterruptedException {
    Optional<Component> feature =
        delivered.find(t.node()).isPresent()
            ? Optional.empty()
            : inventory.available(delivered.all()).stream()
                .filter(c -> c.node().equals(t.node()))
                .findFirst();
    if (feature.isPresent()) {
      onAvailable(t, feature.get(), asker);
    } else if (t.operation().equals("Remove")) {
      removeDelivered(t, asker);
    } else {
      install(t.node(), t.operation().equals("Install"), asker, t.uri(), t.item());
    }
  }

  private void onAvailable(Target t, Component c, Asker asker) throws InterruptedException {
    gate.awaitEnd(asker.serverId());
    boolean remove = t.operation().equals("Remove");
    ResultCode failure = remove ? ResultCode.REMOVE_FAILED : ResultCode.INSTALL_FAILED;
    try {
      features.runDelivered(t.operation(), c, failure);
      changed.run();
      report(asker, t.uri(), ResultCode.SUCCESSFUL, c.id(), "");
    } catch (OperationFailure e) {
      status(
          t.item(),
          remove
              ? ScomoNodes.DELIVERED_REMOVE_FAILED
              : ScomoNodes.DELIVERED_INSTALL_FAILED_WITH_DATA);
      changed.run();
      report(asker, t.uri(), failure, c.id(), e.getMessage());
    }
  }

  private void removeDelivered(Target t, Asker asker) {
    try {
      delivered.remove(t.node());
      changed.run();
      report(asker, t.uri(), ResultCode.SUCCESSFUL, t.node(), "");
    } catch (IOException e) {
      status(t.item(), ScomoNodes.DELIVERED_REMOVE_FAILED);
      report(asker, t.uri(), ResultCode.REMOVE_FAILED, t.node(), e.getMessage());
    }
  }

  /** Activate, Deactivate or Remove of a deployed component. */
  void onDeployed(Target t, Asker asker) throws InterruptedException {
    gate.awaitEnd(asker.serverId());
    Optional<Component> c = inventory.find(t.node());
    ResultCode failure =
        switch (t.operation()) {
          case "Activate" -> ResultCode.ACTIVATE_FAILED;
          case "Deactivate" -> ResultCode.DEACTIVATE_FAILED;
          default -> ResultCode.REMOVE_FAILED;
        };
    if (c.isEmpty()) {
      report(asker, t.uri(), failure, t.node(), "no deployed component " + t.node());
      return;
    }
    try {
      if (c.get().kind() == Component.Kind.DISTRIBUTION_FEATURE) {
        refuseSelf(t.operation(), c.get());
        features.run(t.operation(), c.get(), failure);
      } else {
        run(t.operation(), c.get());
      }
      changed.run();
      status(t.item(), ScomoNodes.DEPLOYED_IDLE);
      report(asker, t.uri(), ResultCode.SUCCESSFUL, c.get().id(), "");
    } catch (OperationFailure e) {
      changed.run();
      status(t.item(), failedStatus(t.operation()));
      report(asker, t.uri(), failure, c.get().id(), e.getMessage());
    }
  }

  private void refuseSelf(String operation, Component c) throws OperationFailure {
    if (!operation.equals("Activate") && c.bundles().contains(deployer.self())) {
      throw new OperationFailure(
          ResultCode.REMOVE_FAILED, "SCOMO does not deactivate or remove itself");
    }
  }

  private void run(String operation, Component c) throws OperationFailure, InterruptedException {
    refuseSelf(operation, c);
    List<Bundle> bundles = new ArrayList<>();
    for (String bsn : c.bundles()) {
      deployer.find(bsn).ifPresent(bundles::add);
    }
    List<String> problems = new ArrayList<>();
    for (Bundle b : bundles) {
      try {
        switch (operation) {
          case "Activate" -> deployer.start(b);
          case "Deactivate" -> deployer.stop(b);
          default -> deployer.uninstall(b);
        }
      } catch (BundleException | IllegalStateException e) {
        problems.add(b.getSymbolicName() + ": " + e.getMessage());
      }
    }
    if (operation.equals("Remove")) {
      deployer.refreshAndResolve(bundles);
      forget(c);
    }
    if (!problems.isEmpty()) {
      throw new OperationFailure(ResultCode.UNDEFINED_ERROR, String.join("; ", problems));
    }
  }

  private void forget(Component c) {
    try {
      for (String bsn : c.bundles()) {
        jars.forgetInstalled(bsn);
      }
      if (c.kind() == Component.Kind.FEATURE) {
        records.removeFeature(c.id());
      }
    } catch (IOException e) {
      warn.accept("cannot forget the jars of " + c.id() + ": " + e.getMessage());
    }
  }

  private static int failedStatus(String operation) {
    return switch (operation) {
      case "Activate" -> ScomoNodes.DEPLOYED_ACTIVATE_FAILED;
      case "Deactivate" -> ScomoNodes.DEPLOYED_DEACTIVATE_FAILED;
      default -> ScomoNodes.DEPLOYED_REMOVE_FAILED;
    };
  }

  void status(NodeUri item, int status) {
    try {
      tree.status(item, status);
    } catch (DmException e) {
      warn.accept("cannot set the Status of " + item + ": " + e.getMessage());
    }
  }

  private void report(Asker asker, NodeUri source, ResultCode code, String id, String reason) {
    reporter.report(
        new Report(asker.serverId(), asker.correlator(), source.toString(), code, id, reason));
  }
}
