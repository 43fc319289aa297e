package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.ClientCredentials;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.security.DigestAlgorithm;
import io.dmagent.api.security.SyncmlDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends the account's credentials as SyncML Cred (digest 3.1/3.2): {@code BASIC} as {@code
 * syncml:auth-basic}, {@code DIGEST} as {@code syncml:auth-md5} with the stored nonce, in every
 * message until the server answers 212. Other schemes and accounts without credentials send none.
 * The server is trusted (its header gets 200) and a challenge ends the session: for sessions built
 * without a tree; {@link TreeAuthenticator} is the full one.
 */
public final class AccountAuthenticator implements Authenticator {
  @Override
  public Exchange open(Account account) {
    return new Exchange() {
      private boolean authenticated;

      @Override
      public Optional<Credential> credential() {
        if (authenticated || account.credentials().isEmpty()) {
          return Optional.empty();
        }
        ClientCredentials c = account.credentials().get();
        return switch (c.authType().toUpperCase(Locale.ROOT)) {
          case "BASIC" ->
              Optional.of(
                  new Credential(
                      Meta.of("b64", "syncml:auth-basic"),
                      SyncmlDigest.basic(c.name(), c.secret())));
          case "DIGEST" ->
              Optional.of(
                  new Credential(
                      Meta.of("b64", "syncml:auth-md5"),
                      SyncmlDigest.digest(DigestAlgorithm.MD5, c.name(), c.secret(), c.nonce())));
          default -> Optional.empty();
        };
      }

      @Override
      public Optional<String> userName() {
        return account.credentials().map(ClientCredentials::name).filter(n -> !n.isEmpty());
      }

      @Override
      public Check verify(SyncHeader serverHeader) {
        return Check.TRUSTED;
      }

      @Override
      public Verdict accept(Status headerStatus) {
        if (headerStatus.code() == 212) {
          authenticated = true;
        }
        boolean refused = headerStatus.code() == 401 || headerStatus.code() == 407;
        return refused ? Verdict.GIVE_UP : Verdict.GO_ON;
      }
    };
  }
}
