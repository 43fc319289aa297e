package io.dmagent.runtime;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dm:feature list}, {@code dm:feature install <name>}, {@code dm:feature uninstall <name>}:
 * change what the gateway runs without a restart. The change lasts until the next start; to keep
 * it, name the feature in {@code config/io.dmagent.runtime.cfg}. Each answer says what changed, or
 * why nothing did; {@code --force} applies a set that leaves no way to reach a DM server. {@code
 * dm:feature refresh} reads the feature repositories in {@code features/} again.
 */
@Component(
    service = FeatureCommands.class,
    property = {
      "osgi.command.scope=dm",
      "osgi.command.function=feature",
      // What dm:help shows.
      "dmagent.command.help=Lists, installs or uninstalls features until the next start",
      "dmagent.command.usage=list | refresh | install <name> | uninstall <name>"
    })
public final class FeatureCommands {
  private static final String USAGE =
      "usage: dm:feature list | refresh | install [--force] <name> | uninstall [--force] <name>";

  private final FeatureManager features;

  @Activate
  public FeatureCommands(@Reference FeatureManager features) {
    this.features = features;
  }

  public String feature(String action) throws Exception {
    if (action.equals("refresh")) {
      return features.refreshRepositories();
    }
    if (!action.equals("list")) {
      return USAGE;
    }
    StringBuilder out = new StringBuilder();
    for (Feature f : features.availableFeatures()) {
      out.append(features.activeFeatures().contains(f.name()) ? "* " : "  ")
          .append(f.name())
          .append(' ')
          .append(f.version())
          .append(f.description().isEmpty() ? "" : "  " + f.description())
          .append('\n');
    }
    return out.toString();
  }

  public String feature(String action, String name) throws InterruptedException {
    return change(action, name, false);
  }

  /** {@code dm:feature install|uninstall --force <name>}: even if no DM server can be reached. */
  public String feature(String action, String option, String name) throws InterruptedException {
    if (!option.equals("--force")) {
      return USAGE;
    }
    return change(action, name, true);
  }

  private String change(String action, String name, boolean force) throws InterruptedException {
    return switch (action) {
      case "install" -> features.install(name, force, ChangeOrigin.CONSOLE).message();
      case "uninstall" -> features.uninstall(name, force, ChangeOrigin.CONSOLE).message();
      default -> USAGE;
    };
  }
}
