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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
 * instance frees it. Who holds what is kept in memory: after a restart the next writer holds it.
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

  @Activate
  public PriorityGuard(
      @Reference DmTree tree,
      AuthorityConfig config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, config.priorities(), log::info);
  }

  /** For plain Java: {@code priorities} as {@code ServerID=priority} entries. */
  public PriorityGuard(DmTree tree, String[] priorities, Consumer<String> log) {
    this.tree = tree;
    this.priorities = Priorities.parse(priorities, log);
    this.log = log;
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
    holders.put(instance, writer);
  }

  /** A deleted instance is free for the next writer. */
  @Override
  public void treeChanged(List<TreeChange> changes) {
    for (TreeChange c : changes) {
      if (c.kind() == TreeChange.Kind.DELETED) {
        holders.keySet().removeIf(c.uri()::isAncestorOrSelfOf);
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
