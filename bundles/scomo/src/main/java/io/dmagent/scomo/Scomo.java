package io.dmagent.scomo;

import io.dmagent.api.session.SessionReport;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeChange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;

/**
 * SCOMO assembled: its parts over one data folder, and the one worker thread every operation,
 * inventory sync and update decision runs on, in order.
 */
final class Scomo {
  /** The settings SCOMO runs with. */
  record Settings(long maxPackageBytes, Duration confirmWithin, Path data, Path system) {}

  private final ScheduledThreadPoolExecutor worker = worker();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean syncQueued = new AtomicBoolean();
  private final Services services;
  private final Inventory inventory;
  private final DeliveredStore delivered;
  private final InventoryTree inventoryTree;
  private final Reporter reporter;
  private final UpdateWatch watch;
  private final ComponentOperations components;
  private final DownloadOperation downloads;
  private final Consumer<String> warn;

  Scomo(
      BundleContext context,
      DmTree tree,
      Services services,
      Settings settings,
      Clock clock,
      Consumer<String> info,
      Consumer<String> warn) {
    this.services = services;
    this.warn = warn;
    Deployer deployer = new Deployer(context);
    FeatureRecords records = new FeatureRecords(settings.data());
    JarKeeper jars = new JarKeeper(settings.data().resolve("jars"), settings.system());
    PendingStore store = new PendingStore(settings.data());
    DistributionFeatures distribution = new DistributionFeatures(deployer, services);
    this.inventory = new Inventory(deployer, records, distribution);
    this.delivered = new DeliveredStore(settings.data().resolve("delivered"), warn);
    this.inventoryTree = new InventoryTree(tree);
    this.reporter =
        new Reporter(
            new ReportQueue(settings.data().resolve("reports"), warn), services, info, warn);
    SafeUpdate updates = new SafeUpdate(deployer, jars, store, clock, info);
    this.watch =
        new UpdateWatch(updates, store, services, reporter, worker, clock, warn, this::sync);
    this.components =
        new ComponentOperations(
            deployer,
            inventory,
            new FeatureOperations(distribution),
            delivered,
            records,
            jars,
            updates,
            watch,
            inventoryTree,
            reporter,
            settings.confirmWithin(),
            new SessionGate(services, Duration.ofMinutes(10), stopping::get),
            warn,
            this::sync);
    this.downloads =
        new DownloadOperation(
            tree,
            services,
            delivered,
            components,
            reporter,
            worker,
            settings.maxPackageBytes(),
            this::sync);
  }

  /** Finishes what a restart interrupted and writes the inventory. */
  void start() {
    worker.execute(watch::recover);
    sync();
    worker.execute(reporter::flush);
  }

  /**
   * Lets the task running end and drops the others (a deadline is armed again at the next start).
   * The worker is not interrupted: an interrupt during a tree write would close the tree's file.
   */
  void stop() throws InterruptedException {
    stopping.set(true);
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static ScheduledThreadPoolExecutor worker() {
    ScheduledThreadPoolExecutor w =
        new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "dmagent-scomo"));
    w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return w;
  }

  /** Writes the inventory into the tree, once for any number of requests made meanwhile. */
  void sync() {
    if (syncQueued.compareAndSet(false, true)) {
      execute(
          () -> {
            syncQueued.set(false);
            try {
              List<DeliveredStore.Delivered> packages = delivered.all();
              inventoryTree.sync(inventory.deployed(), packages, inventory.available(packages));
            } catch (DmException e) {
              warn.accept(
                  "cannot write the SCOMO inventory, trying again in 1 s: " + e.getMessage());
              worker.schedule(this::sync, 1, TimeUnit.SECONDS);
            }
          });
    }
  }

  void run(Target t, Asker asker) {
    execute(
        () -> {
          try {
            switch (t.place()) {
              case DOWNLOAD -> downloads.start(t, asker);
              case DELIVERED -> components.onDelivered(t, asker);
              case DEPLOYED -> components.onDeployed(t, asker);
            }
          } catch (InterruptedException stopping) {
            // Dropped because SCOMO stops. The flag is not set again: this thread writes the
            // tree, whose file an interrupted thread would close.
          }
        });
  }

  /** Waits until every task queued so far has run (tests, and stopping in order). */
  void awaitIdle() throws Exception {
    do {
      worker.submit(() -> null).get(30, TimeUnit.SECONDS);
    } while (syncQueued.get());
  }

  Optional<long[]> progress(String node) {
    return downloads.progress(node);
  }

  void sessionEnded(SessionReport report) {
    execute(() -> watch.sessionEnded(report));
  }

  void sessionsAvailable() {
    execute(watch::sessionsAvailable);
  }

  void alertsAvailable() {
    execute(reporter::flush);
  }

  /** A server added a package under Download: it gets its Status and Operations. */
  void treeChanged(List<TreeChange> changes) {
    for (TreeChange c : changes) {
      if (c.kind() != TreeChange.Kind.ADDED || c.principal().isDevice()) {
        continue;
      }
      if (!ScomoNodes.DOWNLOAD.isAncestorOrSelfOf(c.uri())) {
        continue;
      }
      List<String> rel = c.uri().relativeTo(ScomoNodes.DOWNLOAD);
      if (!rel.isEmpty()) {
        NodeUri pkg = ScomoNodes.at(ScomoNodes.DOWNLOAD, rel.get(0));
        execute(
            () -> {
              try {
                inventoryTree.scaffold(pkg);
              } catch (DmException e) {
                warn.accept("cannot prepare " + pkg + ": " + e.getMessage());
              }
            });
      }
    }
  }

  private void execute(Runnable task) {
    try {
      worker.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // SCOMO is stopping: what it has not done yet it finds again at its next start.
    }
  }
}
