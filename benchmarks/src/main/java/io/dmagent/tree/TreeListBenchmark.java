package io.dmagent.tree;

import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ./?list=Struct} of the whole 100,003-node {@link BigTree}: {@code listStructure(ROOT,
 * false)}, every node's name, format and type without values, as the device and as a DM server
 * (whose Get right is checked on every node). Target: under 100 ms.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TreeListBenchmark {
  @Param({"memory", "file"})
  public String store;

  private Path file;
  private TreeStore treeStore;
  private TreeOperations device;
  private TreeOperations server;

  @Setup(Level.Trial)
  public void build() throws Exception {
    file = store.equals("file") ? BigTree.newStoreFile("list") : null;
    treeStore = TreeStores.open(store, file);
    DmTreeService tree = BigTree.service(treeStore);
    BigTree.build(tree);
    device = tree.operations(Principal.device());
    server = tree.operations(BigTree.SERVER);
    int byDevice = device.listStructure(NodeUri.ROOT, false).size();
    int byServer = server.listStructure(NodeUri.ROOT, false).size();
    if (byDevice != BigTree.NODES || byServer != BigTree.NODES) {
      throw new IllegalStateException("listed " + byDevice + " / " + byServer + " nodes");
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    treeStore.close();
    BigTree.deleteStore(file);
  }

  @Benchmark
  public List<NodeResult> listStructAsDevice() throws Exception {
    return device.listStructure(NodeUri.ROOT, false);
  }

  @Benchmark
  public List<NodeResult> listStructAsServer() throws Exception {
    return server.listStructure(NodeUri.ROOT, false);
  }
}
