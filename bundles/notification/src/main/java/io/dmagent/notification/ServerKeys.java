package io.dmagent.notification;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The account and SRVCRED credentials of each server that notifications name, read from the tree
 * once and kept until {@code ./DMAcc} changes. Reading them for every push made a flood of forged
 * notifications cost a tree read each, which one listener thread could not keep up with (valid
 * pushes were lost with the forged ones in a full socket buffer). At most {@value #MAX} servers are
 * kept, unknown ones included, so a flood of made-up server ids cannot grow it.
 */
final class ServerKeys {
  static final int MAX = 256;

  /** A server's account and its SRVCRED entry (absent when it has none). */
  record Keys(Account account, Optional<AppAuth> serverCredentials) {}

  private final Accounts accounts;
  private final ConcurrentHashMap<String, Optional<Keys>> kept = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  ServerKeys(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The keys of {@code serverId}, or none when no account names it. */
  Optional<Keys> of(String serverId) {
    Optional<Keys> known = kept.get(serverId);
    if (known != null) {
      return known;
    }
    long before = generation.get();
    Optional<Keys> read =
        accounts.find(serverId).map(a -> new Keys(a, accounts.appAuth(a.node(), AppAuth.SRVCRED)));
    if (kept.size() >= MAX) {
      kept.clear();
    }
    kept.put(serverId, read);
    if (generation.get() != before) {
      // ./DMAcc changed while it was read: what was read may be old already.
      kept.remove(serverId, read);
    }
    return read;
  }

  /** Forgets everything: called on every committed change under {@code ./DMAcc}. */
  void forget() {
    generation.incrementAndGet();
    kept.clear();
  }
}
