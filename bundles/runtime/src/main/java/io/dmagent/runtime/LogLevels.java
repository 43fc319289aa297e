package io.dmagent.runtime;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Sets the log levels of {@code config/io.dmagent.log.cfg} in the OSGi {@link LoggerAdmin}: the
 * root context for every bundle, a bundle's own context (named by its symbolic name) for those the
 * file names. Applied at once when the file changes; a bundle no longer named goes back to the root
 * level.
 */
@Component(
    service = {},
    immediate = true,
    configurationPid = LogConfig.PID)
@Designate(ocd = LogConfig.class)
public final class LogLevels {
  private final LoggerAdmin admin;
  private final Logger log;
  private final Set<String> named = new HashSet<>();

  @Activate
  public LogLevels(
      @Reference LoggerAdmin admin,
      @Reference(service = LoggerFactory.class) Logger log,
      LogConfig config) {
    this.admin = admin;
    this.log = log;
    apply(config);
  }

  @Modified
  synchronized void apply(LogConfig config) {
    LogLevelSettings settings = LogLevelSettings.parse(config.level(), config.bundles());
    settings.problems().forEach(p -> log.error("config/{}.cfg: {}", LogConfig.PID, p));
    admin.getLoggerContext(null).setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, settings.root()));
    for (String bundle : named) {
      if (!settings.bundles().containsKey(bundle)) {
        admin.getLoggerContext(bundle).clear();
      }
    }
    named.clear();
    settings
        .bundles()
        .forEach(
            (bundle, level) -> {
              admin
                  .getLoggerContext(bundle)
                  .setLogLevels(Map.<String, LogLevel>of(Logger.ROOT_LOGGER_NAME, level));
              named.add(bundle);
            });
  }
}
