package io.dmagent.scomo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.scomo.testbundle.FailingActivator;
import io.dmagent.tree.PlainTree;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * SCOMO on a real Felix and the real tree: packages delivered as files (the download bundle is
 * another bundle's), installed, updated and rolled back by Execs of a server.
 */
class ScomoTest {
  private static final String SERVER = "acme-dm";
  private static final String BSN = "com.example.meter";

  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final RecordingAlerts alerts = new RecordingAlerts();
  private final RecordingSessions sessions = new RecordingSessions();
  private Framework felix;
  private PlainTree tree;
  private Scomo scomo;
  private Services services;

  @BeforeEach
  void start() throws Exception {
    felix =
        new FrameworkFactory()
            .newFramework(
                Map.of(
                    Constants.FRAMEWORK_STORAGE,
                    dir.resolve("felix").toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN,
                    Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
    felix.start();
    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db")).codec(new DdfTndsCodec()).log(log::add).open();
  }

  @AfterEach
  void stop() throws Exception {
    if (scomo != null) {
      scomo.stop();
    }
    tree.close();
    felix.stop();
    felix.waitForStop(10_000);
  }

  private void startScomo(Duration confirmWithin) throws Exception {
    startScomo(confirmWithin, null);
  }

  private void startScomo(Duration confirmWithin, FeaturesOnFelix features) throws Exception {
    services = new Services();
    if (features != null) {
      services.features(features);
    }
    services.alerts(alerts);
    services.sessions(sessions);
    scomo =
        new Scomo(
            felix.getBundleContext(),
            tree,
            services,
            new Scomo.Settings(
                1_000_000, confirmWithin, dir.resolve("data"), dir.resolve("system")),
            Clock.systemUTC(),
            log::add,
            log::add);
    tree.graft(new ScomoObject(scomo, List.of("*")));
    scomo.start();
    scomo.awaitIdle();
  }

  private void deliver(String node, Path jar) throws Exception {
    ComponentPackage pkg = ComponentPackage.read(jar);
    new DeliveredStore(dir.resolve("data").resolve("delivered"), log::add)
        .add(
            node,
            jar,
            new DeliveredStore.Delivered(
                node,
                "pkg-" + node,
                pkg.name(),
                pkg.version(),
                "CN=Test Signer",
                "",
                pkg.feature(),
                jar));
    scomo.sync();
    scomo.awaitIdle();
  }

  private ExecResult exec(String uri, String correlator) throws DmException {
    return tree.operations(Principal.server(SERVER))
        .exec(NodeUri.of(uri), new ExecRequest(Optional.empty(), Optional.of(correlator)));
  }

  private String value(String uri) throws DmException {
    return tree.operations(Principal.server(SERVER))
        .get(NodeUri.of(uri))
        .value()
        .map(NodeValue::text)
        .orElse(null);
  }

  private Optional<Bundle> bundle(String bsn) {
    for (Bundle b : felix.getBundleContext().getBundles()) {
      if (bsn.equals(b.getSymbolicName())) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private void completeSession() throws Exception {
    Thread.sleep(5); // the session starts after the update was applied
    scomo.sessionEnded(
        new SessionReport(
            SERVER, "7", 3, 1, SessionOutcome.COMPLETED, Optional.empty(), Duration.ofMillis(1)));
    scomo.awaitIdle();
  }

  /** The inventory follows the framework, again after a write the tree could not take at once. */
  private String awaitValue(String uri, String expected) throws Exception {
    await(
        () -> {
          try {
            return expected.equals(value(uri));
          } catch (DmException e) {
            return false;
          }
        });
    return value(uri);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }

  /** Installs version 1.0.0 and confirms it, as a first test step. */
  private Bundle installed() throws Exception {
    deliver("meter", TestJars.bundle(dir, BSN, "1.0.0"));
    exec("./SCOMO/Inventory/Delivered/meter/Operations/Install", "c-install");
    scomo.awaitIdle();
    completeSession();
    alerts.queued.clear();
    return bundle(BSN).orElseThrow();
  }

  @Test
  void the_framework_s_bundles_are_the_deployed_inventory() throws Exception {
    felix
        .getBundleContext()
        .installBundle("file:meter", Files.newInputStream(TestJars.bundle(dir, BSN, "2.1.0")));

    startScomo(Duration.ofMinutes(5));

    assertThat(
            tree.operations(Principal.server(SERVER))
                .get(NodeUri.of("./SCOMO/Inventory/Deployed"))
                .children())
        .contains(BSN)
        .doesNotContain("org.apache.felix.framework");
    assertThat(value("./SCOMO/Inventory/Deployed/" + BSN + "/ID")).isEqualTo(BSN);
    assertThat(value("./SCOMO/Inventory/Deployed/" + BSN + "/Version")).isEqualTo("2.1.0");
    assertThat(awaitValue("./SCOMO/Inventory/Deployed/" + BSN + "/State", "10")).isEqualTo("10");
    assertThat(value("./SCOMO/Inventory/Deployed/" + BSN + "/Ext/Location"))
        .isEqualTo("file:meter");
  }

  @Test
  void an_install_answers_202_and_reports_1200_with_the_correlator_once_a_session_completed()
      throws Exception {
    startScomo(Duration.ofMinutes(5));
    deliver("meter", TestJars.bundle(dir, BSN, "1.0.0"));

    ExecResult result = exec("./SCOMO/Inventory/Delivered/meter/Operations/Install", "c-42");
    scomo.awaitIdle();

    assertThat(result.status()).isEqualTo(StatusCode.ACCEPTED_FOR_PROCESSING);
    assertThat(bundle(BSN)).get().extracting(Bundle::getState).isEqualTo(Bundle.ACTIVE);
    assertThat(awaitValue("./SCOMO/Inventory/Deployed/" + BSN + "/State", "20")).isEqualTo("20");
    assertThat(value("./SCOMO/Inventory/Deployed/" + BSN + "/Ext/Signer"))
        .isEqualTo("CN=Test Signer");
    assertThat(
            tree.operations(Principal.device())
                .get(NodeUri.of("./SCOMO/Inventory/Delivered"))
                .children())
        .isEmpty();
    assertThat(alerts.queued).as("no report before a session confirmed the install").isEmpty();
    assertThat(sessions.requested).extracting(r -> r.serverId()).containsExactly(SERVER);

    completeSession();

    assertThat(alerts.queued).hasSize(1);
    assertThat(alerts.queued.get(0).alert().type())
        .isEqualTo("urn:oma:at:scomo:1.0:OperationComplete");
    assertThat(alerts.queued.get(0).alert().correlator()).contains("c-42");
    assertThat(alerts.queued.get(0).serverId()).contains(SERVER);
    assertThat(alerts.queued.get(0).alert().source().map(Object::toString))
        .contains("./SCOMO/Inventory/Delivered/meter/Operations/Install");
    assertThat(alerts.data(0))
        .isEqualTo("<ResultCode>1200</ResultCode><Identifier>" + BSN + "</Identifier>");
  }

  @Test
  void an_update_that_fails_to_start_brings_the_previous_version_back_and_says_why()
      throws Exception {
    startScomo(Duration.ofMinutes(5));
    Bundle meter = installed();

    deliver("meter2", TestJars.bundle(dir, BSN, "2.0.0", FailingActivator.class));
    exec("./SCOMO/Inventory/Delivered/meter2/Operations/Install", "c-update");
    scomo.awaitIdle();

    assertThat(meter.getVersion().toString()).isEqualTo("1.0.0");
    assertThat(meter.getState()).isEqualTo(Bundle.ACTIVE);
    assertThat(alerts.queued).hasSize(1);
    assertThat(alerts.queued.get(0).alert().correlator()).contains("c-update");
    assertThat(alerts.data(0))
        .startsWith("<ResultCode>1405</ResultCode><Identifier>pkg-meter2</Identifier><Reason>")
        .contains("failed to start");
    assertThat(value("./SCOMO/Inventory/Delivered/meter2/Status")).isEqualTo("50");
  }

  @Test
  void an_update_after_which_no_session_completes_is_rolled_back_by_itself() throws Exception {
    startScomo(Duration.ofMillis(600));
    Bundle meter = installed();

    deliver("meter2", TestJars.bundle(dir, BSN, "2.0.0"));
    exec("./SCOMO/Inventory/Delivered/meter2/Operations/Install", "c-update");
    scomo.awaitIdle();
    assertThat(meter.getVersion().toString()).isEqualTo("2.0.0");

    await(() -> !alerts.queued.isEmpty());

    assertThat(meter.getVersion().toString()).isEqualTo("1.0.0");
    assertThat(meter.getState()).isEqualTo(Bundle.ACTIVE);
    assertThat(alerts.data(0))
        .startsWith("<ResultCode>1405</ResultCode><Identifier>" + BSN + "</Identifier>")
        .contains("no session with acme-dm completed")
        .contains("the previous version is back");
    assertThat(new PendingStore(dir.resolve("data")).read()).isEmpty();
  }

  @Test
  void a_session_that_completes_after_the_update_confirms_it() throws Exception {
    startScomo(Duration.ofMillis(800));
    Bundle meter = installed();
    deliver("meter2", TestJars.bundle(dir, BSN, "2.0.0"));
    exec("./SCOMO/Inventory/Delivered/meter2/Operations/Install", "c-update");
    scomo.awaitIdle();

    completeSession();
    Thread.sleep(1_200); // past the confirmation time: nothing may roll back now
    scomo.awaitIdle();

    assertThat(meter.getVersion().toString()).isEqualTo("2.0.0");
    assertThat(alerts.queued).hasSize(1);
    assertThat(alerts.data(0)).startsWith("<ResultCode>1200</ResultCode>");
    assertThat(Files.list(dir.resolve("data/jars/previous"))).isEmpty();
  }

  @Test
  void an_update_pending_when_the_agent_stopped_is_rolled_back_at_the_next_start()
      throws Exception {
    startScomo(Duration.ofMinutes(5));
    Bundle meter = installed();
    deliver("meter2", TestJars.bundle(dir, BSN, "2.0.0"));
    exec("./SCOMO/Inventory/Delivered/meter2/Operations/Install", "c-update");
    scomo.awaitIdle();
    scomo.stop();
    PendingStore store = new PendingStore(dir.resolve("data"));
    PendingUpdate pending = store.read().orElseThrow();
    assertThat(pending.phase()).isEqualTo(PendingUpdate.Phase.AWAITING_SESSION);
    store.write(
        new PendingUpdate(
            pending.component(),
            pending.changes(),
            pending.serverId(),
            pending.correlator(),
            pending.source(),
            Instant.now().minusSeconds(1),
            pending.phase()));

    startScomo(Duration.ofMinutes(5));
    await(() -> !alerts.queued.isEmpty());

    assertThat(meter.getVersion().toString()).isEqualTo("1.0.0");
    assertThat(alerts.data(0)).startsWith("<ResultCode>1405</ResultCode>");
    assertThat(alerts.queued.get(0).alert().correlator()).contains("c-update");
  }

  @Test
  void an_update_interrupted_while_applied_is_undone_at_once_at_the_next_start() throws Exception {
    startScomo(Duration.ofMinutes(5));
    Bundle meter = installed();
    deliver("meter2", TestJars.bundle(dir, BSN, "2.0.0"));
    exec("./SCOMO/Inventory/Delivered/meter2/Operations/Install", "c-update");
    scomo.awaitIdle();
    scomo.stop();
    PendingStore store = new PendingStore(dir.resolve("data"));
    PendingUpdate p = store.read().orElseThrow();
    store.write(
        new PendingUpdate(
            p.component(),
            p.changes(),
            p.serverId(),
            p.correlator(),
            p.source(),
            Instant.now().plusSeconds(600),
            PendingUpdate.Phase.APPLYING));

    startScomo(Duration.ofMinutes(5));
    scomo.awaitIdle();

    assertThat(meter.getVersion().toString()).isEqualTo("1.0.0");
    assertThat(alerts.data(0)).contains("the agent stopped while the update was being applied");
  }

  @Test
  void the_operation_waits_until_the_session_that_asked_for_it_ended() throws Exception {
    startScomo(Duration.ofMinutes(5));
    deliver("meter", TestJars.bundle(dir, BSN, "1.0.0"));
    sessions.inSession = true;

    exec("./SCOMO/Inventory/Delivered/meter/Operations/Install", "c-1");
    Thread.sleep(300);
    assertThat(bundle(BSN)).as("installed while the session runs").isEmpty();

    sessions.inSession = false;
    await(() -> bundle(BSN).isPresent());
    assertThat(bundle(BSN)).isPresent();
  }

  @Test
  void deactivate_activate_and_remove_a_deployed_bundle() throws Exception {
    startScomo(Duration.ofMinutes(5));
    Bundle meter = installed();

    exec("./SCOMO/Inventory/Deployed/" + BSN + "/Operations/Deactivate", "c-d");
    scomo.awaitIdle();
    assertThat(meter.getState()).isEqualTo(Bundle.RESOLVED);
    assertThat(awaitValue("./SCOMO/Inventory/Deployed/" + BSN + "/State", "10")).isEqualTo("10");

    exec("./SCOMO/Inventory/Deployed/" + BSN + "/Operations/Activate", "c-a");
    scomo.awaitIdle();
    assertThat(meter.getState()).isEqualTo(Bundle.ACTIVE);

    exec("./SCOMO/Inventory/Deployed/" + BSN + "/Operations/Remove", "c-r");
    scomo.awaitIdle();
    scomo.awaitIdle();
    assertThat(bundle(BSN)).isEmpty();
    assertThat(
            tree.operations(Principal.device())
                .get(NodeUri.of("./SCOMO/Inventory/Deployed"))
                .children())
        .doesNotContain(BSN);
    assertThat(alerts.queued)
        .extracting(q -> q.alert().correlator().orElseThrow())
        .containsExactly("c-d", "c-a", "c-r");
    assertThat(alerts.data(2)).startsWith("<ResultCode>1200</ResultCode>");
  }

  @Test
  void a_feature_package_installs_its_bundles_as_one_component() throws Exception {
    startScomo(Duration.ofMinutes(5));
    Path pkg =
        TestJars.feature(
            dir,
            "metering",
            "1.2.0",
            TestJars.bundle(dir, "com.example.a", "1.0.0"),
            TestJars.bundle(dir, "com.example.b", "1.0.0"));
    deliver("metering", pkg);

    exec("./SCOMO/Inventory/Delivered/metering/Operations/Install", "c-f");
    scomo.awaitIdle();
    completeSession();

    assertThat(bundle("com.example.a")).get().extracting(Bundle::getState).isEqualTo(Bundle.ACTIVE);
    assertThat(bundle("com.example.b")).get().extracting(Bundle::getState).isEqualTo(Bundle.ACTIVE);
    assertThat(value("./SCOMO/Inventory/Deployed/feature.metering/ID")).isEqualTo("metering");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.metering/Version")).isEqualTo("1.2.0");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.metering/Ext/Kind")).isEqualTo("feature");
    assertThat(alerts.data(0))
        .isEqualTo("<ResultCode>1200</ResultCode><Identifier>metering</Identifier>");

    exec("./SCOMO/Inventory/Deployed/feature.metering/Operations/Remove", "c-fr");
    scomo.awaitIdle();
    scomo.awaitIdle();
    assertThat(bundle("com.example.a")).isEmpty();
    assertThat(bundle("com.example.b")).isEmpty();
  }

  @Test
  void a_package_that_is_no_bundle_is_refused_with_1407() throws Exception {
    startScomo(Duration.ofMinutes(5));
    Path notABundle = dir.resolve("plain.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(notABundle))) {
      out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
    }
    Path data = dir.resolve("data/delivered/plain");
    Files.createDirectories(data);
    Files.copy(notABundle, data.resolve("package.jar"));
    Files.writeString(data.resolve("info.properties"), "pkgId=plain\n");
    scomo.sync();
    scomo.awaitIdle();

    exec("./SCOMO/Inventory/Delivered/plain/Operations/Install", "c-p");
    scomo.awaitIdle();

    assertThat(alerts.data(0))
        .startsWith("<ResultCode>1407</ResultCode>")
        .contains("no Bundle-SymbolicName");
  }

  @Test
  void an_exec_on_a_node_that_is_no_operation_is_refused() throws Exception {
    startScomo(Duration.ofMinutes(5));
    deliver("meter", TestJars.bundle(dir, BSN, "1.0.0"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> exec("./SCOMO/Inventory/Delivered/meter/ID", "c"))
        .isInstanceOf(DmException.class)
        .extracting(e -> ((DmException) e).status())
        .isEqualTo(StatusCode.COMMAND_NOT_ALLOWED);
  }

  /** The distribution's features dm-core and dm-http installed, dm-policy known but not. */
  private FeaturesOnFelix distribution() throws Exception {
    FeaturesOnFelix features = new FeaturesOnFelix(felix.getBundleContext(), "dm-http");
    features.declare("dm-core", TestJars.bundle(dir, "com.example.core", "1.0.0"), true);
    features.declare("dm-http", TestJars.bundle(dir, "com.example.http", "1.0.0"), true);
    features.declare("dm-policy", TestJars.bundle(dir, "com.example.policy", "1.0.0"), false);
    return features;
  }

  private List<String> deployed() throws DmException {
    return tree.operations(Principal.server(SERVER))
        .get(NodeUri.of("./SCOMO/Inventory/Deployed"))
        .children();
  }

  @Test
  void the_distribution_s_installed_features_are_deployed_components() throws Exception {
    FeaturesOnFelix features = distribution();
    startScomo(Duration.ofMinutes(5), features);

    assertThat(deployed())
        .contains("feature.dm-core", "feature.dm-http")
        .doesNotContain("feature.dm-policy");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.dm-http/ID")).isEqualTo("dm-http");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.dm-http/Name")).isEqualTo("the dm-http");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.dm-http/Version")).isEqualTo("1.0.0");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.dm-http/State")).isEqualTo("20");
    assertThat(value("./SCOMO/Inventory/Deployed/feature.dm-http/Ext/Kind")).isEqualTo("feature");
  }

  @Test
  void a_distribution_feature_is_deactivated_activated_and_removed_through_the_feature_service()
      throws Exception {
    FeaturesOnFelix features = distribution();
    features.install("dm-policy");
    startScomo(Duration.ofMinutes(5), features);
    String node = "./SCOMO/Inventory/Deployed/feature.dm-policy";
    assertThat(value(node + "/State")).isEqualTo("20");

    exec(node + "/Operations/Deactivate", "c-d");
    scomo.awaitIdle();
    assertThat(bundle("com.example.policy")).isEmpty();
    assertThat(awaitValue(node + "/State", "10")).isEqualTo("10");

    exec(node + "/Operations/Activate", "c-a");
    scomo.awaitIdle();
    assertThat(bundle("com.example.policy"))
        .get()
        .extracting(Bundle::getState)
        .isEqualTo(Bundle.ACTIVE);
    assertThat(awaitValue(node + "/State", "20")).isEqualTo("20");

    exec(node + "/Operations/Remove", "c-r");
    scomo.awaitIdle();
    scomo.awaitIdle();
    assertThat(bundle("com.example.policy")).isEmpty();
    assertThat(deployed()).doesNotContain("feature.dm-policy");
    assertThat(features.calls)
        .containsExactly(
            "install dm-policy", "uninstall dm-policy", "install dm-policy", "uninstall dm-policy");
    assertThat(alerts.queued)
        .extracting(q -> q.alert().correlator().orElseThrow())
        .containsExactly("c-d", "c-a", "c-r");
    assertThat(alerts.data(2))
        .isEqualTo("<ResultCode>1200</ResultCode><Identifier>dm-policy</Identifier>");
  }

  @Test
  void a_feature_change_the_runtime_refuses_fails_with_the_operation_s_code_and_its_reason()
      throws Exception {
    FeaturesOnFelix features = distribution();
    startScomo(Duration.ofMinutes(5), features);
    String node = "./SCOMO/Inventory/Deployed/feature.dm-http";

    exec(node + "/Operations/Remove", "c-r");
    scomo.awaitIdle();
    exec(node + "/Operations/Deactivate", "c-d");
    scomo.awaitIdle();

    assertThat(alerts.data(0))
        .isEqualTo(
            "<ResultCode>1408</ResultCode><Identifier>dm-http</Identifier><Reason>refused: "
                + FeaturesOnFelix.REFUSAL
                + "</Reason>");
    assertThat(alerts.data(1)).startsWith("<ResultCode>1410</ResultCode>").contains("refused");
    assertThat(value(node + "/Status")).isEqualTo("60");
    assertThat(value(node + "/State")).isEqualTo("20");
    assertThat(bundle("com.example.http"))
        .get()
        .extracting(Bundle::getState)
        .isEqualTo(Bundle.ACTIVE);
  }

  @Test
  void a_distribution_feature_the_gateway_does_not_run_is_delivered_and_installed_from_there()
      throws Exception {
    FeaturesOnFelix features = distribution();
    startScomo(Duration.ofMinutes(5), features);
    String delivered = "./SCOMO/Inventory/Delivered/feature.dm-policy";
    assertThat(value(delivered + "/ID")).isEqualTo("dm-policy");
    assertThat(value(delivered + "/State")).isEqualTo("10");
    assertThat(value(delivered + "/Ext/Kind")).isEqualTo("feature");

    exec(delivered + "/Operations/Remove", "c-r");
    scomo.awaitIdle();
    exec(delivered + "/Operations/Install", "c-i");
    scomo.awaitIdle();
    scomo.awaitIdle();

    assertThat(alerts.data(0)).startsWith("<ResultCode>1408</ResultCode>");
    assertThat(alerts.data(1))
        .isEqualTo("<ResultCode>1200</ResultCode><Identifier>dm-policy</Identifier>");
    assertThat(features.calls).containsExactly("install dm-policy");
    assertThat(bundle("com.example.policy"))
        .get()
        .extracting(Bundle::getState)
        .isEqualTo(Bundle.ACTIVE);
    assertThat(awaitValue("./SCOMO/Inventory/Deployed/feature.dm-policy/State", "20"))
        .isEqualTo("20");
    assertThat(
            tree.operations(Principal.server(SERVER))
                .get(NodeUri.of("./SCOMO/Inventory/Delivered"))
                .children())
        .doesNotContain("feature.dm-policy");
  }

  @Test
  void a_distribution_feature_the_gateway_runs_is_deployed_and_never_delivered() throws Exception {
    startScomo(Duration.ofMinutes(5), distribution());

    assertThat(
            tree.operations(Principal.server(SERVER))
                .get(NodeUri.of("./SCOMO/Inventory/Delivered"))
                .children())
        .contains("feature.dm-policy")
        .doesNotContain("feature.dm-core", "feature.dm-http");
  }

  static byte[] read(InputStream in) throws java.io.IOException {
    return in.readAllBytes();
  }
}
