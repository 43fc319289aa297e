package io.dmagent.api.tree;

import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import java.util.Optional;

/**
 * The device's management tree, the single source of truth for management data. Registered as an
 * OSGi service by the tree bundle.
 */
@org.osgi.annotation.versioning.ProviderType
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

  /**
   * The device's full DDF: the description of every management object grafted into the tree, each
   * top-level node carrying the Path of its parent. Changes as MO bundles come and go.
   */
  MgmtTreeDescription description();

  /**
   * The DDF node that governs {@code uri} (an unnamed placeholder matches any name), if a
   * management object describes that part of the tree.
   */
  Optional<NodeDescription> describe(NodeUri uri);
}
