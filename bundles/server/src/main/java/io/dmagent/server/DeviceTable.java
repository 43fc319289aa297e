package io.dmagent.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The records of the devices the server knows: those that authenticated (or were given a script by
 * the operator), by DevId. Bounded: beyond {@code capacity} the device seen least recently is
 * forgotten, so that even a server that asks for no credentials holds a fixed amount per device.
 */
final class DeviceTable {
  private final int capacity;
  private final LinkedHashMap<String, DeviceState> byDevId = new LinkedHashMap<>(16, 0.75f, true);

  DeviceTable(int capacity) {
    this.capacity = capacity;
  }

  /** The device's record, made if it has none. */
  synchronized DeviceState admit(String devId) {
    DeviceState d = byDevId.computeIfAbsent(devId, DeviceState::new);
    if (byDevId.size() > capacity) {
      Iterator<DeviceState> eldest = byDevId.values().iterator();
      eldest.next();
      eldest.remove();
    }
    return d;
  }

  synchronized Optional<DeviceState> get(String devId) {
    return Optional.ofNullable(byDevId.get(devId));
  }

  synchronized List<DeviceState> all() {
    return new ArrayList<>(byDevId.values());
  }

  synchronized int size() {
    return byDevId.size();
  }
}
