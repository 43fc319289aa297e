package io.dmagent.accounts;

import io.dmagent.api.account.AppAuth;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an account's application-level credentials from {@code <account>/AppAuth} and stores the
 * nonces of its AAuthData, as the device (AAuthSecret and AAuthData have no Get for any server).
 * The preferred scheme of CLCRED is its AAuthType, else the account's AAuthPref.
 */
final class AppAuthStore {
  private final DmTree tree;

  AppAuthStore(DmTree tree) {
    this.tree = tree;
  }

  /**
   * The entry of {@code level} (CLCRED or SRVCRED) under {@code account}, if it names a scheme this
   * agent speaks (BASIC, DIGEST, DIGEST-SHA256, HMAC, HMAC-SHA256). Entries of other levels, such
   * as a pre-shared key for the channel (AAuthLevel TLS), are never application-level credentials.
   */
  Optional<AppAuth> read(NodeUri account, String level) {
    TreeOperations ops = tree.operations(Principal.device());
    NodeUri appAuth = AccountDirectory.child(account, "AppAuth");
    for (String name : AccountDirectory.children(ops, appAuth)) {
      NodeUri at = AccountDirectory.child(appAuth, name);
      boolean matches =
          AccountDirectory.text(ops, at, "AAuthLevel")
              .map(l -> l.trim().toUpperCase(Locale.ROOT))
              .filter(level::equals)
              .isPresent();
      if (!matches) {
        continue;
      }
      Optional<AuthScheme> scheme =
          AccountDirectory.text(ops, at, "AAuthType")
              .filter(t -> !t.isBlank())
              .or(() -> AccountDirectory.text(ops, account, "AAuthPref"))
              .flatMap(AuthScheme::fromAAuthType);
      if (scheme.isEmpty()) {
        continue;
      }
      return Optional.of(
          new AppAuth(
              at,
              level,
              scheme.get(),
              AccountDirectory.text(ops, at, "AAuthName").orElse(""),
              AccountDirectory.text(ops, at, "AAuthSecret").orElse(""),
              AccountDirectory.bytes(ops, at, "AAuthData")));
    }
    return Optional.empty();
  }

  /**
   * Stores {@code nonce} in the entry's AAuthData and commits, so that it is on disk before any
   * message built from it leaves.
   */
  void saveNonce(AppAuth auth, byte[] nonce) throws DmException {
    NodeUri data = AccountDirectory.child(auth.node(), "AAuthData");
    NodeValue value = NodeValue.of(nonce, NodeFormat.BIN, "application/octet-stream");
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      if (AccountDirectory.children(tx, auth.node()).contains("AAuthData")) {
        tx.replace(data, value);
      } else {
        tx.addLeaf(data, value);
      }
      tx.commit();
    }
  }
}
