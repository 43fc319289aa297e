package io.dmagent.server.http;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Connections open per client address, each at most {@code max}: one client cannot take every
 * worker. The table holds only addresses with a connection open, so it is bounded by the pool.
 */
final class AddressQuota {
  private final int max;
  private final Map<InetAddress, Integer> open = new HashMap<>();

  AddressQuota(int max) {
    this.max = max;
  }

  /** Counts a connection of {@code address}; false (and not counted) when it has {@code max}. */
  synchronized boolean enter(InetAddress address) {
    int n = open.getOrDefault(address, 0);
    if (n >= max) {
      return false;
    }
    open.put(address, n + 1);
    return true;
  }

  synchronized void leave(InetAddress address) {
    open.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
  }

  synchronized int addresses() {
    return open.size();
  }
}
