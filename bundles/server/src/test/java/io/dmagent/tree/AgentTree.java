package io.dmagent.tree;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.UriLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent's real tree on a file, for end-to-end tests on a plain class path: its plain
 * constructor and whiteboard methods are package-private (the benchmarks reach them the same way).
 */
public final class AgentTree {
  private AgentTree() {}

  public static DmTreeService open(Path file, DescriptionCodec codec, Consumer<String> log)
      throws IOException {
    return new DmTreeService(
        TreeStore.open(file, log), UriLimits.DEFAULT, AclMode.TND, 1 << 20, codec, log, log);
  }

  public static void graft(DmTreeService tree, ManagementObject mo) {
    tree.addManagementObject(mo);
  }

  public static void listen(DmTreeService tree, TreeChangeListener listener, String subtree) {
    tree.addListener(listener, Map.of(TreeChangeListener.SUBTREE, subtree));
  }

  public static void guard(DmTreeService tree, io.dmagent.api.tree.WriteGuard guard) {
    tree.addWriteGuard(guard);
  }

  public static void close(DmTreeService tree) throws InterruptedException {
    tree.close();
  }
}
