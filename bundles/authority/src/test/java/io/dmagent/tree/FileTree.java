package io.dmagent.tree;

import io.dmagent.api.tree.UriLimits;
import io.dmagent.codec.description.DdfTndsCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The agent's real tree on a file, reached through its package-private plain constructor. */
public final class FileTree {
  private FileTree() {}

  public static DmTreeService open(Path file, AclMode mode, Consumer<String> log)
      throws IOException {
    return new DmTreeService(
        TreeStore.open(file, log), UriLimits.DEFAULT, mode, 1 << 20, new DdfTndsCodec(), log, log);
  }

  public static void graft(DmTreeService tree, io.dmagent.api.mo.ManagementObject mo) {
    tree.addManagementObject(mo);
  }

  public static void guard(DmTreeService tree, io.dmagent.api.tree.WriteGuard guard) {
    tree.addWriteGuard(guard);
  }

  public static void listen(
      DmTreeService tree, io.dmagent.api.tree.TreeChangeListener listener, String subtree) {
    tree.addListener(
        listener, java.util.Map.of(io.dmagent.api.tree.TreeChangeListener.SUBTREE, subtree));
  }

  public static void close(DmTreeService tree) throws InterruptedException {
    tree.close();
  }
}
