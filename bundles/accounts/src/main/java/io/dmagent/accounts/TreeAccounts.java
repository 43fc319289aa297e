package io.dmagent.accounts;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * {@link Accounts} on the DM tree's {@code ./DMAcc}: reading ({@link AccountDirectory}), writing
 * ({@link AccountWriter}) and the credentials with their nonces ({@link AppAuthStore}), all as the
 * device. Unreadable accounts are reported as warnings that never hold a secret.
 */
@Component(service = Accounts.class)
public final class TreeAccounts implements Accounts {
  private final DmTree tree;
  private final AccountDirectory directory;
  private final AppAuthStore credentials;
  private final AccountWriter writer;

  @Activate
  public TreeAccounts(
      @Reference DmTree tree, @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, (Consumer<String>) log::warn);
  }

  private TreeAccounts(DmTree tree, Consumer<String> warnings) {
    this.tree = tree;
    this.directory = new AccountDirectory(tree, warnings);
    this.credentials = new AppAuthStore(tree);
    this.writer = new AccountWriter(tree);
  }

  /** The accounts of {@code tree} in plain Java (tests, benchmarks), warnings to {@code log}. */
  public static Accounts on(DmTree tree, Consumer<String> log) {
    return new TreeAccounts(tree, log);
  }

  @Override
  public List<Account> all() {
    return directory.all();
  }

  @Override
  public Optional<Account> find(String serverId) {
    return directory.find(serverId);
  }

  @Override
  public Set<String> serverIds() throws DmException {
    return directory.serverIds(tree.operations(Principal.device()));
  }

  @Override
  public Optional<NodeUri> node(TreeOperations ops, String serverId) throws DmException {
    return directory.node(ops, serverId);
  }

  @Override
  public Optional<AppAuth> appAuth(NodeUri account, String level) {
    return credentials.read(account, level);
  }

  @Override
  public void storeNonce(AppAuth entry, byte[] nonce) throws DmException {
    credentials.saveNonce(entry, nonce);
  }

  @Override
  public NodeUri write(AccountSpec spec) throws DmException {
    return writer.write(spec);
  }

  @Override
  public NodeUri write(TreeOperations tx, AccountSpec spec) throws DmException {
    return AccountWriter.write(tx, spec);
  }
}
