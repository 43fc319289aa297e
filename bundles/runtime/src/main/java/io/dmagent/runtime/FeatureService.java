package io.dmagent.runtime;

import io.dmagent.api.feature.Feature;
import io.dmagent.api.feature.FeatureChange;
import io.dmagent.api.feature.Features;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The {@link Features} service: the feature manager's features and changes for other bundles (SCOMO
 * lists and changes the distribution's features through it). A change through it is never forced.
 */
@Component(service = Features.class)
public final class FeatureService implements Features {
  private final FeatureManager manager;
  private final Logger log;

  @Activate
  public FeatureService(
      @Reference FeatureManager manager, @Reference(service = LoggerFactory.class) Logger log) {
    this.manager = manager;
    this.log = log;
  }

  @Override
  public List<Feature> features() {
    try {
      return new FeatureView(
              manager.repository(), manager.activeFeatures(), FeatureManager.BOOT_FEATURE)
          .features();
    } catch (IOException e) {
      log.error("cannot read the features descriptor: {}", e.getMessage());
      return List.of();
    }
  }

  @Override
  public Optional<Feature> feature(String name) {
    return features().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  @Override
  public FeatureChange install(String name) throws InterruptedException {
    return manager.install(name, false, ChangeOrigin.SERVICE);
  }

  @Override
  public FeatureChange uninstall(String name) throws InterruptedException {
    return manager.uninstall(name, false, ChangeOrigin.SERVICE);
  }
}
