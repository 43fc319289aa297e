package io.dmagent.tree;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import io.dmagent.api.tree.UriLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
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
 * The DM tree as an OSGi service, stored durably in the agent's data folder. Change listeners are
 * told of every commit, in order, on a thread of the tree's own that ends with the component.
 */
@Component(service = DmTree.class, configurationPid = TreeConfig.PID, immediate = true)
@Designate(ocd = TreeConfig.class)
public final class DmTreeService implements DmTree {
  private final TreeEngine engine;
  private final Grafting grafting;
  private final Consumer<String> refusals;
  private final Map<TreeChangeListener, NodeUri> listeners = new ConcurrentHashMap<>();
  private final ExecutorService notifier =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "dmagent-tree-events"));

  @Activate
  public DmTreeService(
      BundleContext context,
      TreeConfig config,
      @Reference DescriptionCodec codec,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    this(
        TreeStore.open(storeFile(context, config), log::error),
        new UriLimits(config.maxDepth(), config.maxTotLen(), config.maxSegLen()),
        config.aclMode(),
        config.maxValueBytes(),
        codec,
        log::info,
        log::error);
  }

  /** A tree without a codec: management objects cannot be grafted (benchmarks, plain tests). */
  DmTreeService(TreeStore store, UriLimits limits, AclMode mode, Consumer<String> refusals) {
    this(store, limits, mode, 0, null, refusals, refusals);
  }

  DmTreeService(
      TreeStore store,
      UriLimits limits,
      AclMode mode,
      int maxValueBytes,
      DescriptionCodec codec,
      Consumer<String> info,
      Consumer<String> error) {
    this.refusals = info;
    this.engine =
        new TreeEngine(store, limits, mode, Clock.systemUTC(), maxValueBytes, this::dispatch);
    this.grafting = new Grafting(engine, codec, info, error);
  }

  private static Path storeFile(BundleContext context, TreeConfig config) {
    if (!config.storeFile().isEmpty()) {
      return Path.of(config.storeFile());
    }
    String data = context.getProperty("dmagent.data");
    return data != null
        ? Path.of(data, "tree", "tree.mv.db")
        : context.getDataFile("tree.mv.db").toPath();
  }

  @Deactivate
  void close() throws InterruptedException {
    notifier.shutdown();
    notifier.awaitTermination(10, TimeUnit.SECONDS);
    engine.lock.writeLock().lock();
    try {
      engine.store.close();
    } finally {
      engine.lock.writeLock().unlock();
    }
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addListener(TreeChangeListener listener, Map<String, Object> props) {
    Object subtree = props.get(TreeChangeListener.SUBTREE);
    listeners.put(listener, subtree == null ? NodeUri.ROOT : NodeUri.of(String.valueOf(subtree)));
  }

  void removeListener(TreeChangeListener listener) {
    listeners.remove(listener);
  }

  /** Write guards (e.g. priorities between management authorities), asked before server writes. */
  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addWriteGuard(io.dmagent.api.tree.WriteGuard guard) {
    engine.guards.add(guard);
  }

  void removeWriteGuard(io.dmagent.api.tree.WriteGuard guard) {
    engine.guards.remove(guard);
  }

  /** MO whiteboard: every registered management object is grafted at its root. */
  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addManagementObject(ManagementObject mo) {
    grafting.graft(mo);
  }

  void removeManagementObject(ManagementObject mo) {
    grafting.ungraft(mo);
  }

  @Override
  public MgmtTreeDescription description() {
    return engine.mos.description("DM Agent", "DM Agent gateway");
  }

  @Override
  public Optional<NodeDescription> describe(NodeUri uri) {
    return engine.mos.describe(uri);
  }

  private void dispatch(List<TreeChange> changes) {
    try {
      tellListeners(changes);
    } catch (RejectedExecutionException closing) {
      // Deactivation shut the notifier down while a session still committed: the commit is made
      // and durable, so its writer must hear success, not a store failure. Components that listen
      // depend on the tree and are deactivated before it.
      refusals.accept("tree closing: listeners not told of " + changes.size() + " changes");
    }
  }

  private void tellListeners(List<TreeChange> changes) {
    notifier.execute(
        () ->
            listeners.forEach(
                (listener, subtree) -> {
                  List<TreeChange> mine =
                      changes.stream().filter(c -> subtree.isAncestorOrSelfOf(c.uri())).toList();
                  if (!mine.isEmpty()) {
                    try {
                      listener.treeChanged(mine);
                    } catch (RuntimeException | Error e) {
                      // An Error too: it would end the notifier's thread between two listeners,
                      // and the others would never hear of these changes.
                      refusals.accept("tree change listener failed: " + e);
                    }
                  }
                }));
  }

  @Override
  public TreeOperations operations(Principal principal) {
    return new Operations(engine, principal, refusals);
  }

  @Override
  public TreeTransaction begin(Principal principal) {
    return Operations.transaction(engine, principal, refusals);
  }

  @Override
  public UriLimits uriLimits() {
    return engine.limits;
  }

  @Override
  public void purgeServer(String serverId) throws DmException {
    try (TreeTransaction tx = begin(Principal.device())) {
      WorkingTree w = engine.work();
      purge(w, NodeUri.ROOT, serverId);
      engine.commit(w, List.of());
      tx.commit();
    } catch (RuntimeException e) {
      throw new DmException(
          StatusCode.DATA_STORE_FAILURE, "cannot purge " + serverId + ": " + e, e);
    }
  }

  private void purge(WorkingTree w, NodeUri uri, String serverId) throws DmException {
    NodeRecord r = w.get(uri).orElseThrow();
    if (!r.acl().isEmpty()) {
      Acl before = Acl.parse(r.acl());
      Acl after = before.without(serverId);
      if (uri.isRoot()) {
        for (AclRight right : AclRight.values()) {
          if (!before.serverIds(right).isEmpty() && after.serverIds(right).isEmpty()) {
            after =
                after.grant(right, Acl.WILDCARD); // a root command never ends up granted to nobody
          }
        }
      }
      if (!after.equals(before)) {
        w.put(uri, r.withAcl(after.toString(), engine.clock.millis()));
      }
    }
    for (String child : w.children(uri)) {
      purge(w, NodeUris.child(uri, child), serverId);
    }
  }
}
