package io.dmagent.notification;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Accounts held in maps, with their SRVCRED and CLCRED entries and the nonces stored. */
class InMemoryAccounts implements Accounts {
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, AppAuth> auth = new HashMap<>();

  InMemoryAccounts add(String serverId, String serverSecret, byte[] serverNonce) {
    NodeUri node = NodeUri.of("./DMAcc/A" + accounts.size());
    accounts.put(
        serverId,
        new Account(
            serverId,
            node,
            URI.create("http://127.0.0.1:1/dm"),
            Optional.of("Server " + serverId),
            Optional.empty()));
    put(
        new AppAuth(
            NodeUri.of(node + "/AppAuth/S"),
            AppAuth.SRVCRED,
            AuthScheme.MD5,
            serverId,
            serverSecret,
            serverNonce));
    put(
        new AppAuth(
            NodeUri.of(node + "/AppAuth/C"),
            AppAuth.CLCRED,
            AuthScheme.MD5,
            "dev",
            "pw",
            new byte[] {9, 9}));
    return this;
  }

  private void put(AppAuth a) {
    auth.put(a.node().toString(), a);
  }

  /** The nonce an entry holds now. */
  byte[] nonce(String serverId, String level) {
    NodeUri node = accounts.get(serverId).node();
    return appAuth(node, level).orElseThrow().nonce();
  }

  @Override
  public List<Account> all() {
    return new ArrayList<>(accounts.values());
  }

  @Override
  public Optional<Account> find(String serverId) {
    return Optional.ofNullable(accounts.get(serverId));
  }

  @Override
  public Set<String> serverIds() {
    return Set.copyOf(accounts.keySet());
  }

  @Override
  public Optional<NodeUri> node(TreeOperations ops, String serverId) {
    return find(serverId).map(Account::node);
  }

  @Override
  public Optional<AppAuth> appAuth(NodeUri account, String level) {
    return auth.values().stream()
        .filter(a -> a.level().equals(level) && a.node().toString().startsWith(account + "/"))
        .findFirst();
  }

  @Override
  public synchronized void storeNonce(AppAuth entry, byte[] nonce) {
    put(entry.withNonce(nonce));
  }

  @Override
  public NodeUri write(AccountSpec spec) {
    throw new UnsupportedOperationException("not written by notification");
  }

  @Override
  public NodeUri write(TreeOperations tx, AccountSpec spec) {
    throw new UnsupportedOperationException("not written by notification");
  }
}
