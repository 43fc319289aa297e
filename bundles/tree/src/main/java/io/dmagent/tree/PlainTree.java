package io.dmagent.tree;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import io.dmagent.api.tree.UriLimits;
import io.dmagent.api.tree.WriteGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The agent's real tree as plain Java, without a framework: for other bundles' tests, the
 * integration tests' class-path fixtures and the benchmarks. What Declarative Services does in the
 * agent (configuration, the codec, the whiteboards of management objects, listeners and write
 * guards) is done here by explicit calls. Public on purpose: this package is not exported, so no
 * bundle can import it, and no test has to declare itself in it to reach the tree.
 *
 * <pre>{@code
 * try (PlainTree tree = PlainTree.onFile(dir.resolve("tree.mv.db"))
 *     .codec(new DdfTndsCodec()).log(log::add).open()) {
 *   tree.graft(new DmAccObject());
 *   tree.operations(Principal.device()).get(NodeUri.of("./DMAcc"));
 * }
 * }</pre>
 */
public final class PlainTree implements DmTree, AutoCloseable {
  private final DmTreeService service;

  private PlainTree(DmTreeService service) {
    this.service = service;
  }

  /** A tree stored in {@code file} (reopened if it exists, as an agent restart does). */
  public static Builder onFile(Path file) {
    return new Builder(Objects.requireNonNull(file));
  }

  /** A tree in memory only: gone when closed. */
  public static Builder inMemory() {
    return new Builder(null);
  }

  /** Grafts a management object, as the tree does when one is registered. */
  public void graft(ManagementObject mo) {
    service.addManagementObject(mo);
  }

  /** Takes a management object's subtree away, as when its service goes. */
  public void ungraft(ManagementObject mo) {
    service.removeManagementObject(mo);
  }

  /** Tells {@code listener} of every commit at or below {@code subtree}. */
  public void listen(TreeChangeListener listener, NodeUri subtree) {
    service.addListener(listener, Map.of(TreeChangeListener.SUBTREE, subtree.toString()));
  }

  /** Asks {@code guard} before every server write. */
  public void guard(WriteGuard guard) {
    service.addWriteGuard(guard);
  }

  @Override
  public TreeOperations operations(Principal principal) {
    return service.operations(principal);
  }

  @Override
  public TreeTransaction begin(Principal principal) {
    return service.begin(principal);
  }

  @Override
  public void purgeServer(String serverId) throws DmException {
    service.purgeServer(serverId);
  }

  @Override
  public UriLimits uriLimits() {
    return service.uriLimits();
  }

  @Override
  public MgmtTreeDescription description() {
    return service.description();
  }

  @Override
  public java.util.Optional<NodeDescription> describe(NodeUri uri) {
    return service.describe(uri);
  }

  /** Waits for the listeners to be told of every commit, then closes the store. */
  @Override
  public void close() throws InterruptedException {
    service.close();
  }

  /** What the tree's configuration and references give it in the agent. */
  public static final class Builder {
    private final Path file;
    private UriLimits limits = UriLimits.DEFAULT;
    private AclMode aclMode = AclMode.TND;
    private int maxValueBytes = 1 << 20;
    private DescriptionCodec codec;
    private Consumer<String> log = line -> {};

    private Builder(Path file) {
      this.file = file;
    }

    public Builder limits(UriLimits limits) {
      this.limits = Objects.requireNonNull(limits);
      return this;
    }

    public Builder aclMode(AclMode aclMode) {
      this.aclMode = Objects.requireNonNull(aclMode);
      return this;
    }

    /** Largest leaf value accepted; 1 MiB unless set, as in the agent's configuration. */
    public Builder maxValueBytes(int maxValueBytes) {
      this.maxValueBytes = maxValueBytes;
      return this;
    }

    /** The DDF reader; without one, management objects cannot be grafted. */
    public Builder codec(DescriptionCodec codec) {
      this.codec = Objects.requireNonNull(codec);
      return this;
    }

    /** Where the tree's log lines (refusals, warnings, errors) go; nowhere unless set. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log);
      return this;
    }

    public PlainTree open() throws IOException {
      TreeStore store = file == null ? TreeStore.inMemory() : TreeStore.open(file, log);
      return new PlainTree(
          new DmTreeService(store, limits, aclMode, maxValueBytes, codec, log, log));
    }
  }
}
