package io.dmagent.tree;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.UriLimits;
import io.dmagent.codec.description.DdfTndsCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real tree on a file, as the agent runs it, for tests of other bundles on a plain class path
 * (its plain constructors are package-private; the benchmarks reach them the same way).
 */
public final class PlainTree {
  private PlainTree() {}

  public static DmTreeService open(Path file, List<String> log) throws IOException {
    return new DmTreeService(
        TreeStore.open(file, log::add),
        UriLimits.DEFAULT,
        AclMode.TND,
        1 << 20,
        new DdfTndsCodec(),
        log::add,
        log::add);
  }

  public static void graft(DmTreeService tree, ManagementObject mo) {
    tree.addManagementObject(mo);
  }

  public static void listen(DmTreeService tree, TreeChangeListener listener, String subtree) {
    tree.addListener(listener, Map.of(TreeChangeListener.SUBTREE, subtree));
  }

  public static void close(DmTreeService tree) throws InterruptedException {
    tree.close();
  }
}
