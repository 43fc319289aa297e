package io.dmagent.fumo;

import io.dmagent.api.download.Downloads;
import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code ./FUMO} (urn:oma:mo:oma-fumo:1.0): Execs on Download, Update and DownloadAndUpdate go to
 * the {@link FumoEngine}; State and Ext are answered live from it. Also hears every ended session,
 * which is how a version on trial learns it completed one. Wiring only.
 */
@Component(
    service = {ManagementObject.class, ManagementSessions.Listener.class},
    configurationPid = FumoConfig.PID,
    immediate = true)
@Designate(ocd = FumoConfig.class)
public final class FumoObject implements ManagementObject, ManagementSessions.Listener {
  private static final NodeUri STATE = NodeUri.of("./FUMO/State");
  private static final NodeUri VERSION = NodeUri.of("./FUMO/Ext/Version");
  private static final NodeUri REASON = NodeUri.of("./FUMO/Ext/Reason");

  private final FumoEngine engine;
  private final DmTree tree;
  private final ExecutorService executor;
  private final byte[] ddf = loadDdf();

  @Activate
  public FumoObject(
      BundleContext context,
      FumoConfig config,
      @Reference DmTree tree,
      @Reference Downloads downloads,
      @Reference AlertService alerts,
      @Reference ManagementSessions sessions,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    this.tree = tree;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dmagent-fumo");
              t.setDaemon(true);
              return t;
            });
    Path data = Path.of(property(context, "dmagent.data", "data"));
    Path home = Path.of(property(context, "dmagent.home", "."));
    this.engine =
        new FumoEngine(
            downloads,
            alerts,
            sessions,
            new FumoEngine.Place(
                FumoStore.open(data.resolve("fumo/state.properties")),
                new VersionFolders(data.resolve("versions")),
                home.resolve("config"),
                property(context, "dmagent.release", "unknown")),
            new FumoEngine.Settings(
                Math.max(1, config.maxBytes()),
                Math.max(10, config.trialSeconds()),
                Math.max(0, config.restartAfterSessionSeconds())),
            () -> stopFramework(context, log),
            () -> ready(context),
            executor,
            new FumoEngine.Log() {
              @Override
              public void info(String line) {
                log.info(line);
              }

              @Override
              public void warn(String line) {
                log.warn(line);
              }
            });
    executor.execute(engine::resume);
  }

  FumoObject(FumoEngine engine, DmTree tree, ExecutorService executor) {
    this.engine = engine;
    this.tree = tree;
    this.executor = executor;
  }

  private static String property(BundleContext context, String key, String fallback) {
    return Optional.ofNullable(context.getProperty(key)).orElse(fallback);
  }

  /**
   * The runtime registers a service with dmagent.ready=true once the configured features are up.
   */
  private static boolean ready(BundleContext context) {
    try {
      return context.getServiceReferences((String) null, "(dmagent.ready=true)") != null;
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops the framework; the launcher then exits and bin/dmagent starts the version on trial. On a
   * thread of its own: the framework stops this bundle too.
   */
  private static void stopFramework(BundleContext context, Logger log) {
    Thread t =
        new Thread(
            () -> {
              try {
                context.getBundle(0).stop();
              } catch (BundleException | IllegalStateException e) {
                log.error("FUMO: cannot restart the agent: {}", e.toString());
              }
            },
            "dmagent-fumo-restart");
    t.start();
  }

  @Deactivate
  void close() {
    executor.shutdownNow();
  }

  @Override
  public NodeUri root() {
    return FumoEngine.ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  @Override
  public String rootAcl() {
    return "Get=*&Replace=*&Exec=*";
  }

  @Override
  public Optional<NodeValue> readLive(NodeUri uri) {
    if (uri.equals(STATE)) {
      return Optional.of(NodeValue.of(Integer.toString(engine.state().code), NodeFormat.INT));
    }
    if (uri.equals(VERSION)) {
      return Optional.of(NodeValue.text(engine.running()));
    }
    if (uri.equals(REASON)) {
      return Optional.of(NodeValue.text(engine.reason()));
    }
    return Optional.empty();
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    Operation operation = operation(uri);
    if (principal.isDevice()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "a firmware update reports to a server: run it from one");
    }
    String urlParent = operation == Operation.UPDATE ? Operation.DOWNLOAD.node : operation.node;
    NodeUri urlNode = NodeUri.of(FumoEngine.ROOT + "/" + urlParent + "/PkgURL");
    String url =
        tree.operations(Principal.device()).get(urlNode).value().map(NodeValue::text).orElse("");
    engine.exec(operation, url, principal.serverId(), request.correlator());
    return ExecResult.accepted();
  }

  private static Operation operation(NodeUri uri) throws DmException {
    for (Operation o : Operation.values()) {
      if (uri.equals(NodeUri.of(FumoEngine.ROOT + "/" + o.node))) {
        return o;
      }
    }
    throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
  }

  @Override
  public void sessionEnded(SessionReport report) {
    engine.sessionEnded(report);
  }

  private static byte[] loadDdf() {
    return DdfResource.load(FumoObject.class, "fumo.ddf");
  }
}
