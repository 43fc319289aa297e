package io.dmagent.notification;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.security.SyncmlDigest;
import io.dmagent.api.tree.DmException;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Verifies a package #0's digest (protocol-wire.md §4.4) with the server's credentials: the
 * server-identifier from the message, the SRVCRED AAuthSecret and the SRVCRED nonce. When that
 * fails it tries the resynchronisation nonce (four zero bytes); if that verifies, the client's
 * nonce (CLCRED AAuthData) becomes that nonce, so package 1's credentials are built on it, and each
 * side then renews the other's nonce with a challenge.
 */
final class DigestCheck {
  static final byte[] RESYNC_NONCE = {0, 0, 0, 0};

  enum Result {
    VERIFIED,
    RESYNCHRONISED,
    FAILED,
    NO_SERVER_CREDENTIALS
  }

  private final Accounts accounts;
  private final Consumer<String> log;

  DigestCheck(Accounts accounts, Consumer<String> log) {
    this.accounts = accounts;
    this.log = log;
  }

  Result verify(ServerKeys.Keys keys, Notification n) {
    Account account = keys.account();
    Optional<AppAuth> server = keys.serverCredentials();
    if (server.isEmpty()) {
      return Result.NO_SERVER_CREDENTIALS;
    }
    String secret = server.get().secret();
    if (matches(n, secret, server.get().nonce())) {
      return Result.VERIFIED;
    }
    if (!matches(n, secret, RESYNC_NONCE)) {
      return Result.FAILED;
    }
    resynchronise(account);
    return Result.RESYNCHRONISED;
  }

  private static boolean matches(Notification n, String secret, byte[] nonce) {
    byte[] expected = SyncmlDigest.notification(n.serverId(), secret, nonce, n.covered());
    return MessageDigest.isEqual(expected, n.digest());
  }

  private void resynchronise(Account account) {
    Optional<AppAuth> client = accounts.appAuth(account.node(), AppAuth.CLCRED);
    if (client.isEmpty()) {
      return;
    }
    try {
      accounts.storeNonce(client.get(), RESYNC_NONCE);
    } catch (DmException e) {
      log.accept(
          "DM account "
              + account.node()
              + ": resynchronisation nonce not stored ("
              + e.status()
              + ")");
    }
  }
}
