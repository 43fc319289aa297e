package io.dmagent.api.tree;

import java.util.Objects;

/**
 * On whose behalf a tree operation runs: a DM server, known by the ServerID its session
 * authenticated, or the device itself (local console, MO plugins, policy engine), which the ACLs do
 * not restrict.
 */
public final class Principal {
  private static final Principal DEVICE = new Principal(null);

  private final String serverId;

  private Principal(String serverId) {
    this.serverId = serverId;
  }

  public static Principal device() {
    return DEVICE;
  }

  public static Principal server(String serverId) {
    if (serverId == null || serverId.isEmpty()) {
      throw new IllegalArgumentException("a server principal needs a ServerID");
    }
    return new Principal(serverId);
  }

  public boolean isDevice() {
    return serverId == null;
  }

  /** The ServerID; only for server principals. */
  public String serverId() {
    if (serverId == null) {
      throw new IllegalStateException("the device principal has no ServerID");
    }
    return serverId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Principal && Objects.equals(((Principal) o).serverId, serverId);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(serverId);
  }

  @Override
  public String toString() {
    return serverId == null ? "device" : "server " + serverId;
  }
}
