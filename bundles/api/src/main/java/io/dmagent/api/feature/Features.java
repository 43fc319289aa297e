package io.dmagent.api.feature;

import java.util.List;
import java.util.Optional;

/**
 * The gateway's features, registered by the runtime. A change is applied as a whole or not at all,
 * with the checks of {@code dm:feature} and {@code config/io.dmagent.runtime.cfg}: the boot bundles
 * are never removed, and a set that leaves no way to reach a DM server is refused (this service
 * never forces it). Like a change from the console, it lasts until the next start, when the
 * configured set applies again.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Features {

  /** Every feature the distribution's descriptor and the dropped feature repositories declare. */
  List<Feature> features();

  /** The feature named so, if one is declared. */
  Optional<Feature> feature(String name);

  /**
   * Adds the feature to the running set; its bundles are installed and started before this returns.
   *
   * @throws InterruptedException when the caller is interrupted while the change runs
   */
  FeatureChange install(String name) throws InterruptedException;

  /**
   * Takes the feature out of the running set; the bundles no other running feature needs are
   * uninstalled before this returns.
   *
   * @throws InterruptedException when the caller is interrupted while the change runs
   */
  FeatureChange uninstall(String name) throws InterruptedException;
}
