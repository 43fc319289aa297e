package io.dmagent.policy;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.report.SessionlessReports;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.testing.MutableClock;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeChangeListener;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway for policy tests: the real tree (in memory or on a file), the policy engine wired as in
 * the agent, a clock and scheduler the test moves, and what the engine reports and logs.
 */
final class Gateway implements AutoCloseable {
  static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
  static final String SERVER = "acme-dm";

  final MutableClock clock;
  final ManualScheduler scheduler;
  final PlainTree tree;
  final PolicyService policies;
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<Queued> alerts = new CopyOnWriteArrayList<>();
  final List<Queued> sessionless = new CopyOnWriteArrayList<>();
  private final DdfTndsCodec codec = new DdfTndsCodec();
  private volatile CountDownLatch marker;

  /** An alert the engine handed over, with its addressee. */
  record Queued(GenericAlert alert, Optional<String> server) {
    String data() {
      return new String(alert.data(), StandardCharsets.UTF_8);
    }
  }

  static Gateway inMemory() throws Exception {
    return new Gateway(null, new MutableClock(START), Set.of("ethernet"));
  }

  static Gateway onFile(Path file, MutableClock clock) throws Exception {
    return new Gateway(file, clock, Set.of("ethernet"));
  }

  Gateway(Path file, MutableClock clock, Set<String> networks) throws Exception {
    this.clock = clock;
    this.scheduler = new ManualScheduler(clock);
    PlainTree.Builder b = file == null ? PlainTree.inMemory() : PlainTree.onFile(file);
    this.tree = b.codec(codec).log(log::add).open();
    AlertService alertService =
        new AlertService() {
          @Override
          public String queue(GenericAlert alert, Optional<String> serverId) {
            alerts.add(new Queued(alert, serverId));
            return "a" + alerts.size();
          }

          @Override
          public String queueClientEvent(GenericAlert event, Optional<String> serverId) {
            throw new UnsupportedOperationException();
          }
        };
    SessionlessReports reports =
        (serverId, alert) -> {
          sessionless.add(new Queued(alert, Optional.of(serverId)));
          return "r" + sessionless.size();
        };
    this.policies =
        new PolicyService(
            tree,
            clock,
            scheduler,
            new PolicyService.Settings(5, 4, Duration.ofSeconds(10), ZoneOffset.UTC),
            new SystemProperties() {
              @Override
              public Optional<String> location() {
                return Optional.of("site-12");
              }

              @Override
              public Set<String> networkTypes() {
                return networks;
              }
            },
            () -> Optional.of(alertService),
            () -> Optional.of(reports),
            log::add,
            log::add);
    tree.graft(policies.managementObject());
    tree.listen(policies, NodeUri.ROOT);
    tree.listen(
        changes -> {
          CountDownLatch m = marker;
          if (m != null && changes.stream().anyMatch(c -> c.uri().equals(MARKER))) {
            m.countDown();
          }
        },
        MARKER);
    TreeOperations device = device();
    if (!Nodes.exists(tree, MARKER)) {
      device.addLeaf(NodeUri.of("./DevDetail/DevTyp"), NodeValue.text("gateway"));
      device.replaceProperty(NodeUri.ROOT, NodeProperty.ACL, "Add=*&Get=*&Replace=*&Exec=*");
      device.addLeaf(MARKER, NodeValue.text("0"));
    }
    policies.engine.start();
    settle();
  }

  private static final NodeUri MARKER = NodeUri.of("./Vendor/Test/Marker");
  private int markerCount;

  /** Waits until the engine has handled every commit made so far (the tree tells in order). */
  void settle() throws Exception {
    for (int i = 0; i < 2; i++) {
      CountDownLatch m = new CountDownLatch(1);
      marker = m;
      device().replace(MARKER, NodeValue.text(Integer.toString(++markerCount)));
      if (!m.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the tree did not deliver its changes");
      }
    }
  }

  TreeOperations device() {
    return tree.operations(Principal.device());
  }

  TreeOperations server(String id) {
    return tree.operations(Principal.server(id));
  }

  TreeOperations server() {
    return server(SERVER);
  }

  /** A server's Add of a TNDS document (what the protocol does with an Add of dmtnds+xml). */
  void addTnds(String serverId, String target, String xml) throws Exception {
    server(serverId)
        .addTnds(
            NodeUri.of(target), codec.readTnds(xml.getBytes(StandardCharsets.UTF_8), Encoding.XML));
    settle();
  }

  void replace(String uri, String value) throws Exception {
    device().replace(NodeUri.of(uri), NodeValue.text(value));
    settle();
  }

  void replace(String uri, NodeValue value) throws Exception {
    device().replace(NodeUri.of(uri), value);
    settle();
  }

  void advance(Duration d) throws Exception {
    scheduler.advance(d);
    settle();
  }

  Optional<String> value(String uri) throws DmException {
    NodeUri u = NodeUri.of(uri);
    if (!Nodes.exists(tree, u)) {
      return Optional.empty();
    }
    return device().get(u).value().map(NodeValue::text);
  }

  List<String> children(String uri) throws DmException {
    NodeUri u = NodeUri.of(uri);
    return Nodes.exists(tree, u) ? device().get(u).children() : List.of();
  }

  /** The outcomes recorded under a policy, oldest first. */
  List<String> outcomes(String policy) throws DmException {
    return results(policy, "Outcome");
  }

  List<String> details(String policy) throws DmException {
    return results(policy, "Detail");
  }

  private List<String> results(String policy, String leaf) throws DmException {
    String base = "./MgmtPolicy/Policies/" + policy + "/Results";
    return children(base).stream()
        .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
        .map(
            n -> {
              try {
                return value(base + "/" + n + "/" + leaf).orElse("");
              } catch (DmException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  Optional<String> status(String policy) throws DmException {
    return value("./MgmtPolicy/Policies/" + policy + "/Status");
  }

  void listen(TreeChangeListener l, NodeUri subtree) {
    tree.listen(l, subtree);
  }

  @Override
  public void close() throws Exception {
    policies.engine.stop();
    tree.close();
  }
}
