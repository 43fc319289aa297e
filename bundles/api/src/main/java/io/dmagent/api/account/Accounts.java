package io.dmagent.api.account;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DM accounts of {@code ./DMAcc} (DM 1.3 DMAcc MO), read and written as the device: the one
 * place that knows how an account, its credentials, its nonces and its pre-shared key lie in the
 * tree. Sessions find their server's account here, authentication reads its credentials and stores
 * the nonces a server gives, and whoever creates accounts (configuration files, a bootstrap, a
 * delegation) writes them here.
 *
 * <p>Secrets (AAuthSecret, AAuthData, keys) are handed out in the records only, never in their text
 * form or in a log line, and servers still cannot Get them (the DMAcc DDF gives them no Get).
 */
@org.osgi.annotation.versioning.ProviderType
public interface Accounts {

  /**
   * Every readable account in node name order. An account without ServerID or address, or with a
   * malformed pre-shared key, is skipped with one log line; so are all accounts that claim the same
   * ServerID (the ServerID is the principal its sessions act as).
   */
  List<Account> all();

  /** The readable account of the server {@code serverId}; none when several claim it. */
  Optional<Account> find(String serverId);

  /**
   * Every ServerID some account names, readable or not (what ACLs may still name).
   *
   * @throws DmException when {@code ./DMAcc} cannot be read
   */
  Set<String> serverIds() throws DmException;

  /**
   * The node of the first account (by node name) whose ServerID is {@code serverId}, read through
   * {@code ops}: the caller's transaction sees what it has changed itself.
   */
  Optional<NodeUri> node(TreeOperations ops, String serverId) throws DmException;

  /**
   * The {@code AppAuth/<x>} entry of {@code level} ({@link AppAuth#CLCRED} or {@link
   * AppAuth#SRVCRED}) of the account at {@code account}, if it names a scheme this agent speaks.
   * Entries of other levels (a pre-shared key: AAuthLevel TLS) are never application credentials.
   */
  Optional<AppAuth> appAuth(NodeUri account, String level);

  /**
   * Stores {@code nonce} in the entry's AAuthData and commits: on disk before any message built
   * from it leaves.
   */
  void storeNonce(AppAuth entry, byte[] nonce) throws DmException;

  /**
   * Creates or updates the account {@code spec} describes, in one transaction of its own. Nodes the
   * spec does not speak of (other addresses and credentials, Ext) are left as they are; an account
   * node without an ACL of its own gets {@code Get=<ServerID>&Replace=<ServerID>}.
   *
   * @return the account's node
   */
  NodeUri write(AccountSpec spec) throws DmException;

  /**
   * As {@link #write(AccountSpec)}, inside the caller's transaction {@code tx}, which commits it
   * together with its own changes (or not at all).
   */
  NodeUri write(TreeOperations tx, AccountSpec spec) throws DmException;
}
