package io.dmagent.tree;

import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap the 100,003-node {@link BigTree} occupies, and its store file's size: used heap after
 * repeated full collections, before and after, divided by the node count. Run it with the agent's
 * collector: {@code java -XX:+UseSerialGC -cp benchmarks.jar io.dmagent.tree.TreeHeap}.
 *
 * <ul>
 *   <li>in-memory store: every node, its decoded record and its value on the heap;
 *   <li>file store just opened: what start-up keeps (nodes are read from the file on first use);
 *   <li>file store after {@code ?list=Struct} of the whole tree: every node is in memory, and
 *       MVStore's page cache (4 MB) holds what it kept of the pages read to load them.
 * </ul>
 */
final class TreeHeap {
  private TreeHeap() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "%s %s, %s, max heap %d MB%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        gcName(),
        Runtime.getRuntime().maxMemory() >> 20);

    long before = usedAfterGc();
    TreeStore memory = TreeStore.inMemory();
    DmTreeService inMemory = BigTree.service(memory);
    BigTree.build(inMemory);
    long after = usedAfterGc();
    report("in-memory store, built", after - before);
    Reference.reachabilityFence(inMemory);
    memory.close();
    inMemory = null;
    memory = null;

    Path file = BigTree.newStoreFile("heap");
    try (TreeStore store = TreeStore.open(file, System.err::println)) {
      BigTree.build(BigTree.service(store));
    }
    long bytes = Files.size(file);
    System.out.printf(
        "%-44s %,12d bytes  %7.1f bytes per node%n",
        "store file, built (100 commits)", bytes, bytes / (double) BigTree.NODES);

    before = usedAfterGc();
    TreeStore store = TreeStore.open(file, System.err::println);
    DmTreeService onFile = BigTree.service(store);
    after = usedAfterGc();
    report("file store, just opened", after - before);
    int listed = onFile.operations(Principal.device()).listStructure(NodeUri.ROOT, false).size();
    after = usedAfterGc();
    report("file store, after ?list=Struct of " + listed, after - before);
    Reference.reachabilityFence(onFile);
    store.close();
    BigTree.deleteStore(file);
    // The tree's event thread is not a daemon; the benchmarks never close the service.
    System.exit(0);
  }

  private static void report(String what, long bytes) {
    System.out.printf(
        "%-44s %,12d bytes  %7.1f bytes per node%n", what, bytes, bytes / (double) BigTree.NODES);
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  private static String gcName() {
    StringBuilder b = new StringBuilder();
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      b.append(b.length() == 0 ? "" : "/").append(gc.getName());
    }
    return b.toString();
  }
}
