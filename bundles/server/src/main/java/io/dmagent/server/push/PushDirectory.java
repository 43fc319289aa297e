package io.dmagent.server.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where each device takes pushes: its own addresses (configured {@code <DevId>=<address>}), then
 * the server's default ones (an MQTT broker all devices listen on, say). A device may have one
 * address per binding; without a binding asked for, its first address is used.
 */
public final class PushDirectory {
  private final Map<String, List<PushAddress>> byDevice;
  private final List<PushAddress> defaults;

  public PushDirectory(Map<String, List<PushAddress>> byDevice, List<PushAddress> defaults) {
    Map<String, List<PushAddress>> copy = new LinkedHashMap<>();
    byDevice.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.byDevice = Map.copyOf(copy);
    this.defaults = List.copyOf(defaults);
  }

  public static PushDirectory empty() {
    return new PushDirectory(Map.of(), List.of());
  }

  /**
   * From configuration: {@code <DevId>=<address>} entries and default addresses, each value also
   * comma-separated (a {@code .cfg} file gives one string); an entry that does not parse is
   * reported to {@code warn} and left out.
   */
  public static PushDirectory parse(
      String[] deviceEntries, String[] defaultEntries, Consumer<String> warn) {
    Map<String, List<PushAddress>> byDevice = new LinkedHashMap<>();
    for (String entry : entries(deviceEntries)) {
      int eq = entry.lastIndexOf('=');
      if (eq <= 0) {
        warn.accept("push address entry without '<DevId>=': " + entry + " (left out)");
        continue;
      }
      parsed(entry.substring(eq + 1), warn)
          .ifPresent(
              a ->
                  byDevice
                      .computeIfAbsent(entry.substring(0, eq).strip(), d -> new ArrayList<>())
                      .add(a));
    }
    List<PushAddress> defaults = new ArrayList<>();
    for (String entry : entries(defaultEntries)) {
      parsed(entry, warn).ifPresent(defaults::add);
    }
    return new PushDirectory(byDevice, defaults);
  }

  private static List<String> entries(String[] values) {
    return java.util.Arrays.stream(String.join(",", values).split(","))
        .map(String::strip)
        .filter(e -> !e.isEmpty())
        .toList();
  }

  private static Optional<PushAddress> parsed(String text, Consumer<String> warn) {
    try {
      return Optional.of(PushAddress.parse(text));
    } catch (IllegalArgumentException e) {
      warn.accept(e.getMessage() + " (left out)");
      return Optional.empty();
    }
  }

  /** Whether the configuration names this device. */
  public boolean names(String devId) {
    return byDevice.containsKey(devId);
  }

  /**
   * The address to push to: the device's own for the binding (any if none asked), else a default.
   */
  public Optional<PushAddress> address(String devId, Optional<PushBinding> binding) {
    List<PushAddress> candidates = new ArrayList<>(byDevice.getOrDefault(devId, List.of()));
    candidates.addAll(defaults);
    return candidates.stream()
        .filter(a -> binding.isEmpty() || a.binding() == binding.get())
        .findFirst();
  }
}
