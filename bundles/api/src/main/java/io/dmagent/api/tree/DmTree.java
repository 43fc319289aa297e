package io.dmagent.api.tree;

/**
 * The device's management tree, the single source of truth for management data. Registered as an
 * OSGi service by the tree bundle.
 */
public interface DmTree {

  /** Operations for {@code principal}; each successful write is durable before the call returns. */
  TreeOperations operations(Principal principal);

  /** Starts a transaction for {@code principal} (Atomic). */
  TreeTransaction begin(Principal principal);

  /**
   * Removes {@code serverId} from every ACL of the tree, as the deletion of a DM account requires;
   * commands left without a server identifier are dropped, and a root command left empty falls back
   * to {@code *}.
   */
  void purgeServer(String serverId) throws DmException;

  /** The URI limits this tree enforces, as {@code ./DevDetail/URI} publishes them. */
  UriLimits uriLimits();
}
