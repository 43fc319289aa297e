package io.dmagent.policy;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's networks from the operating system: the interfaces that are up, by the names Linux
 * gives them (en/eth: ethernet, wl: wifi, wwan/ppp/rmnet: cellular). The location comes from the
 * engine's configuration.
 */
final class OsSystemProperties implements SystemProperties {
  private final Optional<String> location;

  OsSystemProperties(String location) {
    this.location = Optional.ofNullable(location).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public Optional<String> location() {
    return location;
  }

  @Override
  public Set<String> networkTypes() {
    Set<String> out = new HashSet<>();
    try {
      for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (n.isUp() && !n.isLoopback()) {
          kind(n.getName()).ifPresent(out::add);
        }
      }
    } catch (SocketException e) {
      // No interfaces readable: no network type holds.
    }
    return out;
  }

  static Optional<String> kind(String name) {
    if (name.startsWith("en") || name.startsWith("eth")) {
      return Optional.of("ethernet");
    }
    if (name.startsWith("wl")) {
      return Optional.of("wifi");
    }
    if (name.startsWith("wwan") || name.startsWith("ppp") || name.startsWith("rmnet")) {
      return Optional.of("cellular");
    }
    return Optional.empty();
  }
}
