package io.dmagent.authority;

import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.WriteGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Priorities between management authorities that access the same MO instance (DM-HLF-020), as a
 * veto on writes. The instance of a node is its nearest ancestor-or-self that the DDF describes as
 * an interior node with an MO identifier (a node no MO describes is its own instance). The server
 * that last wrote an instance holds it; a write by a server of lower priority to an instance held
 * by one of higher priority is refused with 403 (the ACL allowed it: this is not 425), and the
 * instance stays as the higher authority left it. Equal priorities never refuse. Deleting an
 * instance frees it. Who holds what is saved in the agent's data folder
 * (authority/holders.properties) when it changes, on the component's own thread, and read back at
 * start.
 */
@Component(
    service = {WriteGuard.class, TreeChangeListener.class},
    configurationPid = AuthorityConfig.PID)
@Designate(ocd = AuthorityConfig.class)
public final class PriorityGuard implements WriteGuard, TreeChangeListener {
  private final DmTree tree;
  private final Priorities priorities;
  private final Consumer<String> log;
  private final Map<NodeUri, String> holders = new ConcurrentHashMap<>();
  private final Optional<HolderFile> file;
  private final ExecutorService saver =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "dmagent-priority-holders");
            t.setDaemon(true);
            return t;
          });

  @Activate
  public PriorityGuard(
      @Reference DmTree tree,
      AuthorityConfig config,
      BundleContext context,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, config.priorities(), Optional.of(holderFile(context)), log::info);
  }

  /** For plain Java: {@code priorities} as {@code ServerID=priority} entries, held in memory. */
  public PriorityGuard(DmTree tree, String[] priorities, Consumer<String> log) {
    this(tree, priorities, Optional.empty(), log);
  }

  /** For plain Java: who holds which instance is kept in {@code file} across restarts. */
  public PriorityGuard(
      DmTree tree, String[] priorities, Optional<Path> file, Consumer<String> log) {
    this.tree = tree;
    this.priorities = Priorities.parse(priorities, log);
    this.log = log;
    this.file = file.map(HolderFile::new);
    try {
      if (this.file.isPresent()) {
        holders.putAll(this.file.get().load());
      }
    } catch (IOException e) {
      log.accept("priority holders not read, starting without: " + e.getMessage());
    }
  }

  private static Path holderFile(BundleContext context) {
    String data = context.getProperty("dmagent.data");
    return data != null
        ? Path.of(data, "authority", "holders.properties")
        : context.getDataFile("holders.properties").toPath();
  }

  /** Saves what is left to save, then ends the component's thread. */
  @Deactivate
  public void close() throws InterruptedException {
    saver.shutdown();
    saver.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void save() {
    if (file.isEmpty() || saver.isShutdown()) {
      return;
    }
    try {
      saver.execute(
          () -> {
            try {
              file.get().save(new java.util.TreeMap<>(holders));
            } catch (IOException e) {
              log.accept("priority holders not saved: " + e.getMessage());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // deactivating: the write went through, only its record of the holder is lost
    }
  }

  @Override
  public void beforeWrite(NodeUri uri, Principal principal) throws DmException {
    if (priorities.isEmpty() || principal.isDevice()) {
      return;
    }
    NodeUri instance = instanceOf(uri);
    String writer = principal.serverId();
    String holder = holders.get(instance);
    if (holder != null && !holder.equals(writer) && priorities.of(holder) > priorities.of(writer)) {
      String line =
          writer
              + " may not write "
              + uri
              + ": "
              + holder
              + " (priority "
              + priorities.of(holder)
              + ") manages the MO instance "
              + instance;
      log.accept("write refused: " + line);
      throw new DmException(StatusCode.FORBIDDEN, line);
    }
    if (!writer.equals(holders.put(instance, writer))) {
      save();
    }
  }

  /** A deleted instance is free for the next writer. */
  @Override
  public void treeChanged(List<TreeChange> changes) {
    for (TreeChange c : changes) {
      if (c.kind() == TreeChange.Kind.DELETED
          && holders.keySet().removeIf(c.uri()::isAncestorOrSelfOf)) {
        save();
      }
    }
  }

  private NodeUri instanceOf(NodeUri uri) {
    for (NodeUri at = uri; ; at = at.parent()) {
      Optional<NodeDescription> d = tree.describe(at);
      if (d.isPresent() && d.get().isInterior() && d.get().moId().isPresent()) {
        return at;
      }
      if (at.isRoot()) {
        return uri;
      }
    }
  }
}
