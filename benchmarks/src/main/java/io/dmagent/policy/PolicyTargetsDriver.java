package io.dmagent.policy;

import com.sun.management.OperatingSystemMXBean;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.hw.pi4j.GpioObject;
import io.dmagent.tree.PlainTree;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy targets of issue 17 (benchmarks/policy.sh; never run by the tests), on the real tree
 * stored on disk, the real engine on its own thread and the GPIO MO on Pi4J's mock platform:
 *
 * <ol>
 *   <li>input change -> action applied: the mock door input goes high, the GPIO MO writes its
 *       State, the engine's policy (compare door State eq true, no hold) replaces the relay's
 *       State, which drives the mock output; timed from the input change to the relay's change
 *       event. Floor: a bare device Replace of a leaf to a listener hearing it, on the same tree,
 *       alternated.
 *   <li>load: N active policies (one per watched leaf, compare eq 7: 1 in 100 changes acts) and R
 *       value changes per second for S seconds; the process's CPU time over wall time, against the
 *       same changes with no policy (the floor: the tree's own durable writes). Memory per policy:
 *       heap after GC with the policies minus before them, divided by N.
 * </ol>
 */
public final class PolicyTargetsDriver {
  private static final String SERVER = "bench-dm";
  private static final NodeUri POLICIES = NodeUri.of("./MgmtPolicy/Policies");
  private static final NodeUri DOOR = NodeUri.of("./Vendor/DMAgent/GPIO/Inputs/door/State");
  private static final NodeUri RELAY = NodeUri.of("./Vendor/DMAgent/GPIO/Outputs/relay/State");
  private static final NodeUri FLOOR = NodeUri.of("./Vendor/Bench/Floor");

  private final Path dir;
  private final DdfTndsCodec codec = new DdfTndsCodec();

  private PolicyTargetsDriver(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/bench-data/policy");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int policies = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    Files.createDirectories(dir);
    PolicyTargetsDriver d = new PolicyTargetsDriver(dir);
    d.latency(rounds);
    d.load(policies, rate, seconds);
  }

  /** A tree on disk, the engine wired as the agent wires it, and the ROOT open to the server. */
  private final class Gateway implements AutoCloseable {
    final PlainTree tree;
    final ExecutorScheduler scheduler;
    final PolicyService policies;
    final AtomicReference<CountDownLatch> marker = new AtomicReference<>(new CountDownLatch(1));

    Gateway(String file) throws Exception {
      Files.deleteIfExists(dir.resolve(file));
      tree = PlainTree.onFile(dir.resolve(file)).codec(codec).log(line -> {}).open();
      Clock clock = Clock.systemUTC();
      scheduler = new ExecutorScheduler(clock);
      policies =
          new PolicyService(
              tree,
              clock,
              scheduler,
              // Default results; no throttle: the driver re-triggers on purpose.
              new PolicyService.Settings(
                  5, Integer.MAX_VALUE, Duration.ofSeconds(1), ZoneOffset.UTC),
              new SystemProperties() {
                @Override
                public Optional<String> location() {
                  return Optional.empty();
                }

                @Override
                public Set<String> networkTypes() {
                  return Set.of("ethernet");
                }
              },
              Optional::empty,
              Optional::empty,
              line -> {},
              line -> System.err.println("engine: " + line));
      tree.graft(policies.managementObject());
      tree.listen(policies, NodeUri.ROOT);
      device().replaceProperty(NodeUri.ROOT, NodeProperty.ACL, "Add=*&Get=*&Replace=*&Exec=*");
      device().addLeaf(MARKER, NodeValue.text("0"));
      tree.listen(changes -> heard(changes, MARKER, marker), MARKER);
      policies.engine.start();
    }

    TreeOperations device() {
      return tree.operations(Principal.device());
    }

    void download(String xml) throws Exception {
      tree.operations(Principal.server(SERVER))
          .addTnds(POLICIES, codec.readTnds(xml.getBytes(StandardCharsets.UTF_8), Encoding.XML));
      settle(this);
    }

    @Override
    public void close() throws Exception {
      policies.engine.stop();
      scheduler.shutdown();
      tree.close();
    }
  }

  private void latency(int rounds) throws Exception {
    try (Gateway gw = new Gateway("latency.mv.db")) {
      GpioObject gpio = new GpioObject(gw.tree, "mock", "door:17", "relay:27", "", "");
      try {
        gw.tree.graft(gpio);
        gw.device().addInterior(NodeUri.of("./Vendor/Bench"), null);
        gw.device().addLeaf(FLOOR, NodeValue.of("0", NodeFormat.INT));
        gw.download(policy("door-relay", DOOR.toString(), "true", RELAY.toString(), "true"));
        AtomicReference<CountDownLatch> relaySet = new AtomicReference<>(new CountDownLatch(1));
        AtomicReference<CountDownLatch> floorHeard = new AtomicReference<>(new CountDownLatch(1));
        gw.tree.listen(changes -> heard(changes, RELAY, relaySet), RELAY);
        gw.tree.listen(changes -> heard(changes, FLOOR, floorHeard), FLOOR);

        List<Long> action = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        int warmup = Math.max(200, rounds / 5);
        for (int i = 0; i < warmup + rounds; i++) {
          // Reset: relay off, door closed; wait until the engine saw the door close.
          gw.device().replace(RELAY, NodeValue.of("false", NodeFormat.BOOL));
          gpio.mockInput("door", false);
          settle(gw);

          CountDownLatch relay = new CountDownLatch(1);
          relaySet.set(relay);
          long t0 = System.nanoTime();
          gpio.mockInput("door", true);
          if (!relay.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the policy did not switch the relay");
          }
          long tAction = System.nanoTime() - t0;

          CountDownLatch f = new CountDownLatch(1);
          floorHeard.set(f);
          long t1 = System.nanoTime();
          gw.device().replace(FLOOR, NodeValue.of(Integer.toString(i), NodeFormat.INT));
          f.await(5, TimeUnit.SECONDS);
          long tFloor = System.nanoTime() - t1;
          if (i >= warmup) {
            action.add(tAction);
            floor.add(tFloor);
          }
        }
        print("input change -> action applied", action);
        print("floor: tree write -> listener", floor);
        System.out.printf(
            Locale.ROOT,
            "latency ratio (median action / median floor): %.2f%n",
            (double) median(action) / median(floor));
      } finally {
        gpio.close();
      }
    }
  }

  private static void heard(
      List<TreeChange> changes, NodeUri uri, AtomicReference<CountDownLatch> latch) {
    if (changes.stream()
        .anyMatch(c -> c.uri().equals(uri) && c.kind() == TreeChange.Kind.REPLACED)) {
      latch.get().countDown();
    }
  }

  private static final NodeUri MARKER = NodeUri.of("./Vendor/Marker");

  /**
   * Waits until the engine has handled every commit so far: the tree tells its listeners in commit
   * order, so once a marker written now is heard, the engine was told of what came before; then its
   * thread runs what it queued.
   */
  static void settle(Gateway gw) throws Exception {
    CountDownLatch heard = new CountDownLatch(1);
    gw.marker.set(heard);
    gw.device().replace(MARKER, NodeValue.text(Long.toString(System.nanoTime())));
    heard.await(5, TimeUnit.SECONDS);
    CountDownLatch done = new CountDownLatch(1);
    gw.scheduler.execute(done::countDown);
    done.await(5, TimeUnit.SECONDS);
  }

  private void load(int count, int rate, int seconds) throws Exception {
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    double floorCpu;
    try (Gateway gw = new Gateway("load-floor.mv.db")) {
      leaves(gw, count);
      floorCpu = drive(gw, os, count, rate, seconds);
    }
    try (Gateway gw = new Gateway("load.mv.db")) {
      leaves(gw, count);
      long before = heapAfterGc();
      for (int i = 0; i < count; i++) {
        gw.download(
            policy("p" + i, "./Vendor/Bench/V" + i, "7", "./Vendor/Bench/Out" + i, "acted"));
      }
      settle(gw);
      long after = heapAfterGc();
      double cpu = drive(gw, os, count, rate, seconds);
      System.out.printf(
          Locale.ROOT,
          "%d active policies, %d changes/s for %d s: process CPU %.1f%% of one core;"
              + " floor (same changes, no policy) %.1f%%; the policies' share %.1f%%%n",
          count,
          rate,
          seconds,
          cpu * 100,
          floorCpu * 100,
          (cpu - floorCpu) * 100);
      System.out.printf(
          Locale.ROOT,
          "memory per policy: %.1f KB (heap after GC %d -> %d MB)%n",
          (after - before) / 1024.0 / count,
          before >> 20,
          after >> 20);
    }
  }

  private static void leaves(Gateway gw, int count) throws Exception {
    gw.device().addInterior(NodeUri.of("./Vendor/Bench"), null);
    for (int i = 0; i < count; i++) {
      gw.device().addLeaf(NodeUri.of("./Vendor/Bench/V" + i), NodeValue.of("0", NodeFormat.INT));
      gw.device().addLeaf(NodeUri.of("./Vendor/Bench/Out" + i), NodeValue.text(""));
    }
  }

  /** Replaces random leaves at {@code rate} per second; returns CPU time / wall time. */
  private static double drive(
      Gateway gw, OperatingSystemMXBean os, int count, int rate, int seconds) throws Exception {
    Random random = new Random(17);
    long period = 1_000_000_000L / rate;
    // Warm up for 5 s, then measure.
    for (int phase = 0; phase < 2; phase++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      long n = (long) rate * (phase == 0 ? 5 : seconds);
      for (long k = 0; k < n; k++) {
        long due = t0 + k * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int i = random.nextInt(count);
        gw.device()
            .replace(
                NodeUri.of("./Vendor/Bench/V" + i),
                NodeValue.of(Integer.toString(random.nextInt(100)), NodeFormat.INT));
      }
      settle(gw);
      if (phase == 1) {
        return (double) (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
      }
    }
    throw new IllegalStateException();
  }

  private static long heapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A policy as a server downloads it: compare {@code node} eq {@code value} -> Replace. */
  static String policy(String name, String node, String value, String target, String newValue) {
    return "<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD><Node><NodeName>"
        + name
        + "</NodeName>"
        + interior()
        + leaf("Name", name)
        + leaf("State", "Active")
        + leaf("Report", "none")
        + "<Node><NodeName>Conditions</NodeName>"
        + interior()
        + "<Node><NodeName>c</NodeName>"
        + interior()
        + leaf("Type", "compare")
        + leaf("Node", node)
        + leaf("Operator", "eq")
        + leaf("Value", value)
        + "</Node></Node><Node><NodeName>Actions</NodeName>"
        + interior()
        + "<Node><NodeName>1</NodeName>"
        + interior()
        + leaf("Type", "replace")
        + leaf("Target", target)
        + leaf("Value", newValue)
        + "</Node></Node></Node></MgmtTree>";
  }

  private static String interior() {
    return "<RTProperties><Format><node/></Format></RTProperties>";
  }

  private static String leaf(String name, String value) {
    return "<Node><NodeName>"
        + name
        + "</NodeName><RTProperties><Format><chr/></Format></RTProperties><Value>"
        + value
        + "</Value></Node>";
  }

  private static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static void print(String what, List<Long> nanos) {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-32s n=%d  median %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
        what,
        s.size(),
        s.get(s.size() / 2) / 1e6,
        s.get(s.size() * 9 / 10) / 1e6,
        s.get(s.size() * 99 / 100) / 1e6,
        s.get(s.size() - 1) / 1e6);
  }
}
