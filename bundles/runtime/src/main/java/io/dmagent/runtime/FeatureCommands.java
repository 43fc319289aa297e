package io.dmagent.runtime;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dm:feature list}, {@code dm:feature install <name>}, {@code dm:feature uninstall <name>}:
 * change what the gateway runs without a restart. The change lasts until the next start; to keep
 * it, name the feature in {@code config/io.dmagent.runtime.cfg}.
 */
@Component(
    service = FeatureCommands.class,
    property = {
      "osgi.command.scope=dm",
      "osgi.command.function=feature",
      // What dm:help shows.
      "dmagent.command.help=Lists, installs or uninstalls features until the next start",
      "dmagent.command.usage=list | install <name> | uninstall <name>"
    })
public final class FeatureCommands {
  private final FeatureManager features;

  @Activate
  public FeatureCommands(@Reference FeatureManager features) {
    this.features = features;
  }

  public String feature(String action) throws Exception {
    if (!action.equals("list")) {
      return "usage: dm:feature list | install <name> | uninstall <name>";
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

  public String feature(String action, String name) {
    try {
      switch (action) {
        case "install" -> features.install(name);
        case "uninstall" -> features.uninstall(name);
        default -> {
          return "usage: dm:feature list | install <name> | uninstall <name>";
        }
      }
      return action + "ed " + name;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "cannot " + action + " " + name + ": " + cause.getMessage();
    }
  }
}
