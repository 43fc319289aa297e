package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import io.dmagent.api.tree.UriLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The tree the benchmarks measure: 100,003 nodes shaped like a gateway's sensor inventory, at
 * depths 3 to 6.
 *
 * <pre>
 * ./Vendor/Sensors                              ACL Add=srv1&amp;Delete=srv1&amp;Get=srv1&amp;Replace=srv1
 *   S0000 .. S0999                              interior, Type urn:x-acme:mo:sensor:1.0   (depth 3)
 *     Name Model Serial Unit Enabled Interval Location                   7 leaves        (depth 4)
 *     Config/P00 .. P29                                                  30 leaves       (depth 5)
 *     Readings/R0 .. R5/T V Min Max Avg N Status Unit Q                  54 leaves       (depth 6)
 * </pre>
 *
 * Each sensor is 100 nodes (9 interior, 91 leaves); with the root, ./Vendor and ./Vendor/Sensors
 * the tree holds {@link #NODES} nodes. Leaf values are a few bytes of chr, int or bool.
 */
final class BigTree {
  static final int SENSORS = 1000;
  static final int NODES_PER_SENSOR = 100;
  static final int NODES = 3 + SENSORS * NODES_PER_SENSOR;
  static final int LEAVES = SENSORS * 91;
  static final NodeUri VENDOR = NodeUri.of("./Vendor");
  static final NodeUri SENSORS_ROOT = NodeUri.of("./Vendor/Sensors");
  static final String MO_TYPE = "urn:x-acme:mo:sensor:1.0";

  /** The DM server the benchmarks act as; the ACL on ./Vendor/Sensors grants it everything. */
  static final Principal SERVER = Principal.server("srv1");

  static final String SENSORS_ACL = "Add=srv1&Delete=srv1&Get=srv1&Replace=srv1";

  /**
   * Sensors written per transaction while building: ten (1,000 nodes per commit, 100 commits), as a
   * provisioning server would send them in batches. A transaction costs what its commands touch (an
   * undo entry per node), so larger ones are fine too; a batch larger than the change log goes
   * straight to the store file.
   */
  static final int SENSORS_PER_COMMIT = Integer.getInteger("dmagent.bench.sensorsPerCommit", 10);

  private static final String[] SENSOR_LEAVES = {
    "Name", "Model", "Serial", "Unit", "Enabled", "Interval", "Location"
  };
  private static final String[] READING_LEAVES = {
    "T", "V", "Min", "Max", "Avg", "N", "Status", "Unit", "Q"
  };
  private static final int READINGS = 6;
  private static final int CONFIG_LEAVES = 30;

  private BigTree() {}

  /** The tree service as the bundle builds it, on the given store, with a silent log. */
  static DmTreeService service(TreeStore store) {
    return new DmTreeService(store, UriLimits.DEFAULT, AclMode.TND, line -> {});
  }

  /** A store file in the benchmarks' data folder ({@code -Ddmagent.bench.dir}, else the tmpdir). */
  static Path newStoreFile(String prefix) throws IOException {
    Path dir = dataDir();
    Files.createDirectories(dir);
    return Files.createTempDirectory(dir, prefix).resolve("tree.mv.db");
  }

  static Path dataDir() {
    return Path.of(System.getProperty("dmagent.bench.dir", System.getProperty("java.io.tmpdir")));
  }

  /** Removes the folder a {@link #newStoreFile} lives in. */
  static void deleteStore(Path file) throws IOException {
    if (file == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(file.getParent())) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Fills an empty tree as the device, {@link #SENSORS_PER_COMMIT} sensors per transaction. */
  static void build(DmTree tree) throws DmException {
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      tx.addInterior(VENDOR, null);
      tx.addInterior(SENSORS_ROOT, null);
      tx.replaceProperty(SENSORS_ROOT, io.dmagent.api.tree.NodeProperty.ACL, SENSORS_ACL);
      tx.commit();
    }
    for (int first = 0; first < SENSORS; first += SENSORS_PER_COMMIT) {
      try (TreeTransaction tx = tree.begin(Principal.device())) {
        for (int s = first; s < first + SENSORS_PER_COMMIT; s++) {
          addSensor(tx, s);
        }
        tx.commit();
      }
    }
  }

  private static void addSensor(TreeTransaction tx, int s) throws DmException {
    NodeUri sensor = sensor(s);
    tx.addInterior(sensor, MO_TYPE);
    tx.addLeaf(sensor.child("Name"), NodeValue.text(String.format("sensor-%04d", s)));
    tx.addLeaf(sensor.child("Model"), NodeValue.text("TMP117"));
    tx.addLeaf(sensor.child("Serial"), NodeValue.text(String.format("SN-%05d-7F3A", s)));
    tx.addLeaf(sensor.child("Unit"), NodeValue.text("Cel"));
    tx.addLeaf(sensor.child("Enabled"), NodeValue.of("true", NodeFormat.BOOL));
    tx.addLeaf(sensor.child("Interval"), NodeValue.of("60", NodeFormat.INT));
    tx.addLeaf(sensor.child("Location"), NodeValue.text("Hall 2, rack " + (s % 40)));
    NodeUri config = sensor.child("Config");
    tx.addInterior(config, null);
    for (int p = 0; p < CONFIG_LEAVES; p++) {
      tx.addLeaf(config.child(String.format("P%02d", p)), NodeValue.text("value-" + p));
    }
    NodeUri readings = sensor.child("Readings");
    tx.addInterior(readings, null);
    for (int r = 0; r < READINGS; r++) {
      NodeUri reading = readings.child("R" + r);
      tx.addInterior(reading, null);
      for (String name : READING_LEAVES) {
        tx.addLeaf(reading.child(name), NodeValue.text(readingValue(name, s, r)));
      }
    }
  }

  private static String readingValue(String name, int s, int r) {
    return switch (name) {
      case "T" -> "20261124T1200" + r + "0Z";
      case "N" -> Integer.toString(60 + s % 7);
      case "Status" -> "ok";
      case "Unit" -> "Cel";
      case "Q" -> "good";
      default -> (20 + s % 9) + "." + r;
    };
  }

  static NodeUri sensor(int s) {
    return NodeUris.child(SENSORS_ROOT, String.format("S%04d", s));
  }

  /** Leaf number {@code i} of the tree (0 .. {@link #LEAVES} - 1). */
  static NodeUri leaf(int i) {
    NodeUri sensor = sensor(i / 91);
    int k = i % 91;
    if (k < SENSOR_LEAVES.length) {
      return NodeUris.child(sensor, SENSOR_LEAVES[k]);
    }
    k -= SENSOR_LEAVES.length;
    if (k < CONFIG_LEAVES) {
      return NodeUris.child(NodeUris.child(sensor, "Config"), String.format("P%02d", k));
    }
    k -= CONFIG_LEAVES;
    NodeUri reading = NodeUris.child(NodeUris.child(sensor, "Readings"), "R" + k / 9);
    return NodeUris.child(reading, READING_LEAVES[k % 9]);
  }

  /** {@code count} leaves drawn uniformly from the whole tree, reproducibly. */
  static NodeUri[] randomLeaves(int count) {
    SplittableRandom random = new SplittableRandom(42);
    NodeUri[] out = new NodeUri[count];
    for (int i = 0; i < count; i++) {
      out[i] = leaf(random.nextInt(LEAVES));
    }
    return out;
  }

  /** The current reading of sensor {@code s}, the leaf the Replace benchmarks write. */
  static NodeUri currentValue(int s) {
    return NodeUris.child(NodeUris.child(NodeUris.child(sensor(s), "Readings"), "R0"), "V");
  }

  /**
   * {@code build FILE}: writes the benchmark tree to a new store file (used by tree.sh so that the
   * start-up benchmark opens it in a JVM that has never run the tree code). {@code crash FILE COPY
   * N}: copies the store file (and its change log) to COPY, applies N durable Replaces of random
   * leaves to the copy as a DM server, and halts without closing: the copy is what a crash leaves,
   * the store file as of its last checkpoint and the Replaces since in its change log.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("build")) {
      build(Path.of(args[1]));
    } else if (args.length == 4 && args[0].equals("crash")) {
      crash(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
    } else {
      System.err.println("usage: BigTree build FILE | BigTree crash FILE COPY N");
      System.exit(2);
    }
    // The tree's event thread is not a daemon; the benchmarks never close the service.
    System.exit(0);
  }

  private static void build(Path file) throws Exception {
    Files.deleteIfExists(file);
    long start = System.nanoTime();
    TreeStore store = TreeStore.open(file, System.err::println);
    build(service(store));
    int size = store.size();
    store.close();
    System.out.printf(
        "built %s: %d nodes in %.1f s, %d bytes (%.1f bytes per node)%n",
        file,
        size,
        (System.nanoTime() - start) / 1e9,
        Files.size(file),
        Files.size(file) / (double) size);
  }

  private static void crash(Path file, Path copy, int replaces) throws Exception {
    copyStore(file, copy);
    TreeOperations server = service(TreeStore.open(copy, System.err::println)).operations(SERVER);
    NodeUri[] leaves = randomLeaves(replaces);
    for (int i = 0; i < replaces; i++) {
      server.replace(leaves[i], NodeValue.text("after-" + i));
    }
    System.out.printf(
        "%s: %d Replaces since the last checkpoint, halting without closing%n", copy, replaces);
    Runtime.getRuntime().halt(0);
  }

  /** Copies a store file and its change log (if any) to {@code copy}, in a folder of its own. */
  static void copyStore(Path file, Path copy) throws IOException {
    Files.createDirectories(copy.toAbsolutePath().getParent());
    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    Path log = TreeStore.logFile(file);
    if (Files.exists(log)) {
      Files.copy(log, TreeStore.logFile(copy), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(TreeStore.logFile(copy));
    }
  }
}
