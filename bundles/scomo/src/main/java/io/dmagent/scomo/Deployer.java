package io.dmagent.scomo;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/** The framework operations SCOMO runs on bundles, each waiting until the framework is done. */
final class Deployer {
  private static final long REFRESH_SECONDS = 60;

  private final BundleContext context;

  Deployer(BundleContext context) {
    this.context = context;
  }

  List<Bundle> bundles() {
    return Arrays.asList(context.getBundles());
  }

  Optional<Bundle> find(String symbolicName) {
    return bundles().stream()
        .filter(b -> symbolicName.equals(b.getSymbolicName()))
        .filter(b -> b.getState() != Bundle.UNINSTALLED)
        .findFirst();
  }

  Optional<Bundle> byLocation(String location) {
    return Optional.ofNullable(context.getBundle(location));
  }

  /** The symbolic name of the bundle that runs this code (SCOMO does not update itself). */
  String self() {
    return context.getBundle().getSymbolicName();
  }

  Bundle install(String location, InputStream in) throws BundleException {
    return context.installBundle(location, in);
  }

  void update(Bundle b, InputStream in) throws BundleException {
    b.update(in);
  }

  /**
   * Refreshes the wiring of {@code changed} and of the bundles wired to them, so that no old
   * revision (and none of its threads) stays, then resolves them.
   *
   * @return the bundles of {@code changed} that do not resolve
   */
  List<Bundle> refreshAndResolve(Collection<Bundle> changed) throws InterruptedException {
    FrameworkWiring wiring =
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    CountDownLatch done = new CountDownLatch(1);
    wiring.refreshBundles(changed, event -> done.countDown());
    done.await(REFRESH_SECONDS, TimeUnit.SECONDS);
    List<Bundle> live = changed.stream().filter(b -> b.getState() != Bundle.UNINSTALLED).toList();
    wiring.resolveBundles(live);
    return live.stream().filter(b -> b.getState() == Bundle.INSTALLED).toList();
  }

  static boolean isFragment(Bundle b) {
    return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
  }

  void start(Bundle b) throws BundleException {
    if (!isFragment(b)) {
      b.start();
    }
  }

  void stop(Bundle b) throws BundleException {
    if (!isFragment(b)) {
      b.stop();
    }
  }

  void uninstall(Bundle b) throws BundleException {
    b.uninstall();
  }
}
