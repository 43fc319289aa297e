package io.dmagent.diagnostics;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent's self-test, as an operator would check a gateway by hand: the tree answers (root and
 * DevId), the store takes a durable write and gives it back, the data folder has room, and how much
 * heap is in use. Runs as the device; writes only its own LastRun and Report leaves.
 */
final class SelfTest {
  static final NodeUri ROOT = NodeUri.of("./Vendor/DMAgent/Diagnostics");
  static final NodeUri SELF_TEST = NodeUri.of(ROOT + "/SelfTest");
  static final NodeUri REPORT = NodeUri.of(ROOT + "/Report");
  static final NodeUri LAST_RUN = NodeUri.of(ROOT + "/LastRun");
  static final NodeUri NOTE = NodeUri.of(ROOT + "/Note");
  private static final NodeUri DEV_ID = NodeUri.of("./DevInfo/DevId");

  /** Below this the store cannot take a commit: a failure. */
  static final long DISK_FAIL_BYTES = 1024 * 1024;

  /** Below this share of the file system free: a warning, the test still passes. */
  static final double DISK_WARN_SHARE = 0.05;

  private final DmTree tree;
  private final Path dataFolder;
  private final Clock clock;
  private final Runtime runtime;

  SelfTest(DmTree tree, Path dataFolder, Clock clock, Runtime runtime) {
    this.tree = tree;
    this.dataFolder = dataFolder;
    this.clock = clock;
    this.runtime = runtime;
  }

  /** The verdict and one finding per check. */
  record Report(boolean passed, Instant ranAt, List<String> findings) {
    Report {
      findings = List.copyOf(findings);
    }

    String text() {
      return (passed ? "passed: " : "FAILED: ") + String.join("; ", findings);
    }
  }

  Report run() {
    Instant now = clock.instant();
    List<String> findings = new ArrayList<>();
    boolean passed = checkTree(findings);
    passed &= checkStore(now, findings);
    passed &= checkDisk(findings);
    findings.add(heap());
    Report report = new Report(passed, now, findings);
    try {
      tree.operations(Principal.device()).replace(REPORT, NodeValue.text(report.text()));
    } catch (DmException e) {
      // The store check already says why; the caller still gets the report.
    }
    return report;
  }

  private boolean checkTree(List<String> findings) {
    try {
      TreeOperations ops = tree.operations(Principal.device());
      NodeResult root = ops.get(NodeUri.ROOT);
      String devId = ops.get(DEV_ID).value().map(NodeValue::text).orElse("");
      findings.add(
          "tree ok ("
              + root.children().size()
              + " top-level nodes, DevId "
              + (devId.isEmpty() ? "empty" : devId)
              + ")");
      return true;
    } catch (DmException e) {
      findings.add("tree failed (" + e.status().code() + " " + e.getMessage() + ")");
      return false;
    }
  }

  /** A durable write of LastRun in a transaction, read back: the whole write path of the store. */
  private boolean checkStore(Instant now, List<String> findings) {
    long start = System.nanoTime();
    String stamp = now.toString();
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      tx.replace(LAST_RUN, NodeValue.text(stamp));
      tx.commit();
      String back =
          tree.operations(Principal.device()).get(LAST_RUN).value().map(NodeValue::text).orElse("");
      if (!back.equals(stamp)) {
        findings.add("store failed (wrote LastRun, read back something else)");
        return false;
      }
      findings.add(
          "store ok (commit and read back in "
              + Math.max(1, (System.nanoTime() - start) / 1_000_000)
              + " ms)");
      return true;
    } catch (DmException e) {
      findings.add("store failed (" + e.status().code() + " " + e.getMessage() + ")");
      return false;
    }
  }

  private boolean checkDisk(List<String> findings) {
    try {
      FileStore store = Files.getFileStore(dataFolder);
      long free = store.getUsableSpace();
      long total = store.getTotalSpace();
      String amounts = bytes(free) + " of " + bytes(total) + " free at " + dataFolder;
      if (free < DISK_FAIL_BYTES) {
        findings.add("disk failed (" + amounts + ")");
        return false;
      }
      boolean low = total > 0 && (double) free / total < DISK_WARN_SHARE;
      findings.add("disk " + (low ? "low" : "ok") + " (" + amounts + ")");
      return true;
    } catch (IOException e) {
      findings.add("disk failed (" + dataFolder + ": " + e.getMessage() + ")");
      return false;
    }
  }

  private String heap() {
    long used = runtime.totalMemory() - runtime.freeMemory();
    return "heap " + used / (1024 * 1024) + " of " + runtime.maxMemory() / (1024 * 1024) + " MB";
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
  }
}
