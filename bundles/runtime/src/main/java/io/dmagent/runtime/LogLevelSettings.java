package io.dmagent.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.log.LogLevel;

/**
 * The levels {@code config/io.dmagent.log.cfg} asks for, read leniently: a bad entry is named in
 * {@link #problems()} and left out, the others apply.
 */
record LogLevelSettings(LogLevel root, Map<String, LogLevel> bundles, List<String> problems) {

  static LogLevelSettings parse(String level, String bundles) {
    List<String> problems = new ArrayList<>();
    LogLevel root =
        level(level)
            .orElseGet(
                () -> {
                  problems.add("level=" + level + " is not a level: INFO instead");
                  return LogLevel.INFO;
                });
    Map<String, LogLevel> perBundle = new LinkedHashMap<>();
    for (String entry : bundles == null ? new String[0] : bundles.split(",")) {
      String item = entry.strip();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      Optional<LogLevel> l = eq > 0 ? level(item.substring(eq + 1)) : Optional.empty();
      if (l.isEmpty()) {
        problems.add("bundles entry '" + item + "' is not <symbolic name>=<level>: left out");
        continue;
      }
      perBundle.put(item.substring(0, eq).strip(), l.get());
    }
    return new LogLevelSettings(root, Map.copyOf(perBundle), List.copyOf(problems));
  }

  private static Optional<LogLevel> level(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String name = text.strip().toUpperCase(Locale.ROOT);
    if (name.equals("WARNING")) {
      name = "WARN";
    }
    for (LogLevel l : LogLevel.values()) {
      if (l.name().equals(name)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
