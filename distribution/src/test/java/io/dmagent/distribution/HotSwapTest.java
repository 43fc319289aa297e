package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.distribution.fixture.GreetingConsumer;
import io.dmagent.distribution.fixture.GreetingProvider;
import io.dmagent.runtime.FeatureRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Hot swap as a guarantee, on a real Felix framework with the real runtime bundles (SCR,
 * ConfigAdmin, ...) and bundles built here the way a vendor builds them: a provider is updated,
 * stopped, uninstalled and reinstalled while a consumer keeps running, and nothing of a stopped
 * bundle keeps running.
 */
class HotSwapTest {
  private static final Path SYSTEM = Path.of("../features/target/system");
  private static final Path DESCRIPTOR = Path.of("../features/target/feature/features.xml");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Framework framework;
  private BundleContext context;

  @BeforeEach
  void bootFelixWithTheCoreFeature() throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString());
    props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    props.put("felix.fileinstall.dir", Files.createDirectories(dir.resolve("config")).toString());
    props.put("gosh.args", "--nointeractive");
    framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
    framework.start();
    context = framework.getBundleContext();
    FeatureRepository repo = FeatureRepository.load(DESCRIPTOR, SYSTEM);
    for (String location : repo.bundlesOf("dm-http")) {
      if (location.contains("io.dmagent.runtime")) {
        continue; // the runtime bundle needs the distribution's layout; the swap needs only DS and
        // friends
      }
      try (InputStream in = Files.newInputStream(repo.file(location))) {
        context.installBundle(location, in);
      }
    }
    for (Bundle b : context.getBundles()) {
      if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
        b.start();
      }
    }
  }

  @AfterEach
  void stopFelix() throws Exception {
    framework.stop();
    framework.waitForStop(30_000);
  }

  private Path provider(String version, String greeting) throws IOException {
    String xml =
        "<scr:component xmlns:scr='http://www.osgi.org/xmlns/scr/v1.3.0' name='fixture.provider' immediate='true'"
            + " activate='activate' deactivate='deactivate'>"
            + "<implementation class='"
            + GreetingProvider.class.getName()
            + "'/>"
            + "<property name='greeting' value='"
            + greeting
            + "'/>"
            + "<service><provide interface='java.util.function.Supplier'/></service>"
            + "</scr:component>";
    return fixture(
        "provider-" + version + ".jar",
        "com.example.greeter",
        version,
        GreetingProvider.class,
        xml);
  }

  private Path consumer() throws IOException {
    String xml =
        "<scr:component xmlns:scr='http://www.osgi.org/xmlns/scr/v1.3.0' name='fixture.consumer'>"
            + "<implementation class='"
            + GreetingConsumer.class.getName()
            + "'/>"
            + "<service><provide interface='java.util.concurrent.Callable'/></service>"
            + "<reference name='provider' interface='java.util.function.Supplier' cardinality='0..1'"
            + " policy='dynamic' policy-option='greedy' bind='bind' unbind='unbind'/>"
            + "</scr:component>";
    return fixture("consumer.jar", "com.example.consumer", "1.0.0", GreetingConsumer.class, xml);
  }

  private Path fixture(String file, String bsn, String version, Class<?> type, String componentXml)
      throws IOException {
    String classFile = type.getName().replace('.', '/') + ".class";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream in = type.getClassLoader().getResourceAsStream(classFile)) {
      entries.put(classFile, in.readAllBytes());
    }
    entries.put("OSGI-INF/component.xml", componentXml.getBytes(StandardCharsets.UTF_8));
    return TestBundles.jar(
        dir.resolve(file),
        bsn,
        version,
        Map.of("Service-Component", "OSGI-INF/component.xml"),
        entries);
  }

  private Bundle install(Path jar) throws Exception {
    try (InputStream in = Files.newInputStream(jar)) {
      Bundle b = context.installBundle(jar.toUri().toString(), in);
      b.start();
      return b;
    }
  }

  @SuppressWarnings("unchecked")
  private String greetingSeenByConsumer() throws Exception {
    ServiceReference<?> ref = context.getServiceReference(Callable.class.getName());
    if (ref == null) {
      return "(no consumer)";
    }
    try {
      return String.valueOf(((Callable<String>) context.getService(ref)).call());
    } finally {
      context.ungetService(ref);
    }
  }

  private void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  private BooleanSupplier consumerSees(String greeting) {
    return () -> {
      try {
        return greeting.equals(greetingSeenByConsumer());
      } catch (Exception e) {
        return false;
      }
    };
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  @Test
  void a_provider_updated_to_a_new_version_is_rebound_by_its_consumer() throws Exception {
    install(consumer());
    Bundle provider = install(provider("1.0.0", "hello v1"));
    eventually("consumer bound to v1", consumerSees("hello v1"));

    try (InputStream v2 = Files.newInputStream(provider("2.0.0", "hello v2"))) {
      provider.update(v2);
    }

    eventually("consumer rebound to v2", consumerSees("hello v2"));
    assertThat(provider.getVersion().toString()).isEqualTo("2.0.0");
    assertThat(provider.getState()).isEqualTo(Bundle.ACTIVE);
  }

  @Test
  void a_stopped_provider_is_unbound_and_leaves_no_thread_behind() throws Exception {
    install(consumer());
    Bundle provider = install(provider("1.0.0", "hello"));
    eventually("consumer bound", consumerSees("hello"));
    assertThat(threadNames()).contains(GreetingProvider.WORKER);

    provider.stop();

    eventually("consumer unbound", consumerSees("none"));
    eventually("worker thread ended", () -> !threadNames().contains(GreetingProvider.WORKER));
  }

  @Test
  void a_provider_uninstalled_and_reinstalled_is_bound_again() throws Exception {
    install(consumer());
    Bundle provider = install(provider("1.0.0", "first"));
    eventually("consumer bound", consumerSees("first"));

    provider.uninstall();
    eventually("consumer unbound", consumerSees("none"));
    install(provider("1.0.1", "again"));

    eventually("consumer bound again", consumerSees("again"));
  }

  @Test
  void the_consumer_itself_can_be_swapped_while_the_provider_runs() throws Exception {
    install(provider("1.0.0", "steady"));
    Bundle consumer = install(consumer());
    eventually("consumer bound", consumerSees("steady"));

    consumer.stop();
    eventually("consumer gone", consumerSees("(no consumer)"));
    consumer.start();

    eventually("consumer back and bound", consumerSees("steady"));
  }

  @Test
  void every_agent_bundle_can_be_stopped_and_restarted_and_leaves_no_thread_behind()
      throws Exception {
    List<Bundle> ours =
        List.of(context.getBundles()).stream()
            .filter(b -> b.getSymbolicName().startsWith("io.dmagent."))
            .toList();
    assertThat(ours).isNotEmpty();
    for (Bundle b : ours) {
      Set<String> before = threadNames();
      b.stop();
      b.start();
      b.stop();
      eventually(
          b.getSymbolicName() + " leaves no new thread", () -> before.containsAll(threadNames()));
      b.start();
      assertThat(b.getState()).as(b.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
    }
  }
}
