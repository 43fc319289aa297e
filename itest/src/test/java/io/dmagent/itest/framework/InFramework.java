package io.dmagent.itest.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The tests' door into the running framework: configures the agent's and the reference server's
 * components through ConfigurationAdmin, as an operator's {@code .cfg} files do, waits for the
 * components those configurations restart, and deletes the accounts (factory configurations) it
 * made after each test. Register it with {@code @RegisterExtension}; start a test with {@link
 * #givenServer} and {@link #givenAgent}.
 */
public final class InFramework implements BeforeEachCallback, AfterEachCallback {
  /** Generous: CI machines are small and shared; a passing test waits only as long as it must. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  final BundleContext context;
  private final Map<String, Configuration> made = new LinkedHashMap<>();

  /** Open while the test runs: closing a tracker ungets its services, which ends their use. */
  private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

  public InFramework() {
    Bundle bundle = FrameworkUtil.getBundle(InFramework.class);
    this.context = bundle == null ? null : bundle.getBundleContext();
  }

  /** On a plain class path (surefire asked for these tests by name) there is nothing to test. */
  @Override
  public void beforeEach(ExtensionContext ignored) {
    Assumptions.assumeTrue(context != null, "runs inside the framework only (bnd-testing)");
  }

  /** A reference server listening with this transport, answering sessions with its scripts. */
  public TestServer.Builder givenServer(Transport transport) {
    return new TestServer.Builder(this, transport);
  }

  /** The agent, to be pointed at a server. */
  public TestAgent.Builder givenAgent() {
    return new TestAgent.Builder(this);
  }

  /** A folder of this test bundle's data area, made if missing. */
  Path folder(String name) {
    try {
      return Files.createDirectories(context.getDataFile(name).toPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets the configuration {@code pid} and waits until a service of {@code service} carries it (DS
   * copies configuration properties into the service's): the component runs with it.
   */
  <S> S configure(String pid, Map<String, Object> properties, Class<S> service) throws Exception {
    return configure(pid, properties, service, service.getName());
  }

  /** As above, for a service whose class this bundle cannot see (the server's component). */
  <S> S configure(String pid, Map<String, Object> properties, Class<S> type, String className)
      throws Exception {
    String mark = UUID.randomUUID().toString();
    // Updated, never deleted between tests: a delete and the next test's update of the same PID
    // race in the components they restart. Every test gives the whole configuration it needs.
    Configuration c = admin().getConfiguration(pid, "?");
    c.update(dictionary(properties, mark));
    return await(className, mark, type);
  }

  /** Adds a factory configuration; deleted after the test like the others. */
  void configureFactory(String factoryPid, Map<String, Object> properties) throws Exception {
    Configuration c = admin().createFactoryConfiguration(factoryPid, "?");
    c.update(dictionary(properties, UUID.randomUUID().toString()));
    made.put(c.getPid(), c);
  }

  /**
   * Waits for a service registered under {@code className} whose configuration carries the mark.
   */
  <S> S await(String className, String mark, Class<S> type) throws Exception {
    Filter filter =
        context.createFilter("(&(objectClass=" + className + ")(itest.mark=" + mark + "))");
    ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, filter, null);
    tracker.open();
    trackers.add(tracker);
    Object service = tracker.waitForService(PATIENCE.toMillis());
    if (service == null) {
      throw new AssertionError(
          "no " + className + " came up with the configuration in time; the log said:\n" + log());
    }
    return type.cast(service);
  }

  /** The service of this type; fails the test when none comes up in time. */
  <S> S service(Class<S> type) throws InterruptedException {
    ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
    tracker.open();
    trackers.add(tracker);
    S service = tracker.waitForService(PATIENCE.toMillis());
    if (service == null) {
      throw new AssertionError("no " + type.getName() + " service in time");
    }
    return service;
  }

  /** The framework's recent log lines, newest first, for a failure's message. */
  String log() {
    ServiceReference<LogReaderService> ref = context.getServiceReference(LogReaderService.class);
    if (ref == null) {
      return "(no log reader)";
    }
    LogReaderService reader = context.getService(ref);
    try {
      StringBuilder out = new StringBuilder();
      Enumeration<LogEntry> entries = reader.getLog();
      for (int i = 0; i < 30 && entries.hasMoreElements(); i++) {
        LogEntry e = entries.nextElement();
        out.append(e.getLogLevel())
            .append(' ')
            .append(e.getBundle().getSymbolicName())
            .append(": ")
            .append(e.getMessage())
            .append('\n');
      }
      return out.toString();
    } finally {
      context.ungetService(ref);
    }
  }

  private ConfigurationAdmin admin() throws InterruptedException {
    return service(ConfigurationAdmin.class);
  }

  private static Dictionary<String, Object> dictionary(
      Map<String, Object> properties, String mark) {
    Hashtable<String, Object> d = new Hashtable<>(properties);
    d.put("itest.mark", mark);
    return d;
  }

  @Override
  public void afterEach(ExtensionContext ignored) throws Exception {
    for (Configuration c : made.values()) {
      c.delete();
    }
    made.clear();
    trackers.forEach(ServiceTracker::close);
    trackers.clear();
  }
}
