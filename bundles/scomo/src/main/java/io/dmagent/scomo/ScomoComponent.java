package io.dmagent.scomo;

import io.dmagent.api.download.Downloads;
import io.dmagent.api.feature.FeatureListener;
import io.dmagent.api.feature.Features;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.TreeChangeListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wires SCOMO into the framework: the MO, the session listener that confirms updates, the tree
 * listener that prepares Download nodes, and a bundle listener and a feature listener that keep the
 * inventory current. The protocol's services (alerts, sessions), the downloads and the runtime's
 * features are dynamic: SCOMO keeps running while it updates the protocol bundle.
 */
@Component(
    immediate = true,
    configurationPid = ScomoConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ScomoConfig.class)
public final class ScomoComponent {
  private final Services services = new Services();
  private final Scomo scomo;
  private final BundleListener bundles;
  private final BundleContext context;
  private final List<ServiceRegistration<?>> registrations;

  @Activate
  public ScomoComponent(
      BundleContext context,
      ScomoConfig config,
      @Reference DmTree tree,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    Path home = Path.of(property(context, "dmagent.home", "."));
    Scomo.Settings settings =
        new Scomo.Settings(
            config.maxPackageBytes(),
            Duration.ofSeconds(config.confirmSeconds()),
            context.getDataFile("scomo").toPath(),
            home.resolve("system"));
    this.scomo =
        new Scomo(context, tree, services, settings, Clock.systemUTC(), log::info, log::warn);
    this.bundles =
        event -> {
          if (event.getType() != BundleEvent.STARTING && event.getType() != BundleEvent.STOPPING) {
            scomo.sync();
          }
        };
    context.addBundleListener(bundles);
    ManagementSessions.Listener sessions = scomo::sessionEnded;
    TreeChangeListener downloads = scomo::treeChanged;
    FeatureListener features = running -> scomo.sync();
    Hashtable<String, Object> subtree = new Hashtable<>();
    subtree.put(TreeChangeListener.SUBTREE, ScomoNodes.DOWNLOAD.toString());
    this.registrations =
        List.of(
            context.registerService(
                ManagementObject.class,
                new ScomoObject(scomo, Arrays.asList(config.servers())),
                null),
            context.registerService(ManagementSessions.Listener.class, sessions, null),
            context.registerService(TreeChangeListener.class, downloads, subtree),
            context.registerService(FeatureListener.class, features, null));
    scomo.start();
  }

  @Deactivate
  void stop() throws InterruptedException {
    context.removeBundleListener(bundles);
    for (ServiceRegistration<?> r : registrations) {
      try {
        r.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The framework unregisters them itself when the bundle stops.
      }
    }
    scomo.stop();
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void bindAlerts(AlertService alerts) {
    services.alerts(alerts);
    scomo.alertsAvailable();
  }

  void unbindAlerts(AlertService alerts) {
    services.gone(alerts);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void bindSessions(ManagementSessions sessions) {
    services.sessions(sessions);
    scomo.sessionsAvailable();
  }

  void unbindSessions(ManagementSessions sessions) {
    services.gone(sessions);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void bindDownloads(Downloads downloads) {
    services.downloads(downloads);
  }

  void unbindDownloads(Downloads downloads) {
    services.gone(downloads);
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void bindFeatures(Features features) {
    services.features(features);
    scomo.sync();
  }

  void unbindFeatures(Features features) {
    services.gone(features);
  }

  private static String property(BundleContext context, String key, String fallback) {
    String v = context.getProperty(key);
    return v != null ? v : fallback;
  }
}
