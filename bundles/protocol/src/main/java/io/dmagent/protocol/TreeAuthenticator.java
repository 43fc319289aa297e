package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.message.Challenge;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.security.DigestAlgorithm;
import io.dmagent.api.security.HmacHeader;
import io.dmagent.api.security.Nonces;
import io.dmagent.api.tree.DmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Application-level authentication from the account's DMAcc, both ways (digest 3.1–3.4).
 *
 * <p>Toward the server (AppAuth CLCRED): Basic, MD5 or SHA-256 digest as Cred in every header until
 * the server answers 212, or HMAC in {@code x-syncml-hmac} over every message. Every NextNonce the
 * server sends is used for the next credential, and stored in AAuthData (durably, before use) when
 * the server that sent it is authenticated. A 401/407 restarts package 1 with the nonce and scheme
 * the challenge names (never a downgrade to Basic); after {@code maxAttempts} refusals the session
 * gives up.
 *
 * <p>Toward us (AppAuth SRVCRED): the server's Cred (or its HMAC header) is checked against the
 * stored server nonce; a server without credentials gets 407, a wrong one 401, each with a Chal
 * whose fresh NextNonce is stored before it is sent. Success gives 212 with the next session's
 * nonce (HMAC: 200 and a new nonce every message). A credential built on a resynchronisation nonce
 * is logged as such and challenged like any failure: it never authenticates.
 */
public final class TreeAuthenticator implements Authenticator {
  public static final int DEFAULT_ATTEMPTS = 3;

  private final Accounts accounts;
  private final int maxAttempts;
  private final SecureRandom random;
  private final Consumer<String> log;

  public TreeAuthenticator(Accounts accounts, int maxAttempts, Consumer<String> log) {
    this(accounts, maxAttempts, new SecureRandom(), log);
  }

  TreeAuthenticator(Accounts accounts, int maxAttempts, SecureRandom random, Consumer<String> log) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one authentication attempt");
    }
    this.accounts = accounts;
    this.maxAttempts = maxAttempts;
    this.random = random;
    this.log = log;
  }

  @Override
  public Exchange open(Account account) {
    return new Session(
        account,
        accounts.appAuth(account.node(), AppAuth.CLCRED).orElse(null),
        accounts.appAuth(account.node(), AppAuth.SRVCRED).orElse(null));
  }

  private final class Session implements Exchange {
    private final Account account;
    private final AppAuth server;
    private AppAuth client;
    private byte[] serverNonce;
    private boolean clientDone;
    private boolean serverDone;
    private boolean serverPassed = true;
    private int refusals;
    private int failures;
    private byte[] body = new byte[0];
    private Optional<String> hmac = Optional.empty();

    Session(Account account, AppAuth client, AppAuth server) {
      this.account = account;
      this.client = client;
      this.server = server;
      this.serverNonce = server == null ? new byte[0] : server.nonce();
    }

    @Override
    public Optional<Credential> credential() {
      if (client == null || clientDone || client.scheme().isHmac()) {
        return Optional.empty();
      }
      AuthScheme s = client.scheme();
      return Optional.of(
          new Credential(
              Meta.of("b64", s.metaType()),
              s.credential(client.name(), client.secret(), client.nonce())));
    }

    @Override
    public Optional<String> userName() {
      return Optional.ofNullable(client).map(AppAuth::name).filter(n -> !n.isEmpty());
    }

    @Override
    public Map<String, String> headers(byte[] message) {
      if (client == null || !client.scheme().isHmac()) {
        return Map.of();
      }
      HmacHeader h =
          HmacHeader.sign(
              client.scheme().algorithm(), client.name(), client.secret(), client.nonce(), message);
      return Map.of(HmacHeader.NAME, h.value());
    }

    @Override
    public void received(byte[] message, Optional<String> hmacHeader) {
      this.body = message;
      this.hmac = hmacHeader;
    }

    @Override
    public Check verify(SyncHeader h) {
      if (server == null) {
        serverPassed = true;
        return Check.TRUSTED;
      }
      AuthScheme s = server.scheme();
      return s.isHmac() ? verifyHmac(s) : verifyCred(s, h);
    }

    private Check verifyHmac(AuthScheme s) {
      if (hmac.isEmpty()) {
        return fail(407, "no " + HmacHeader.NAME + " header");
      }
      HmacHeader header;
      try {
        header = HmacHeader.parse(hmac.get());
      } catch (DmException e) {
        return fail(401, e.getMessage());
      }
      if (header.algorithm() != s.algorithm() || !header.username().equals(server.name())) {
        return fail(401, "HMAC of another algorithm or user");
      }
      if (!header.verifies(server.secret(), serverNonce, body)) {
        return fail(401, "HMAC does not match the message");
      }
      serverPassed = true;
      // A new nonce for every message, made when our answer goes out: after the server's last
      // message nothing goes out, and the nonce it knows stays the one to use next session.
      Challenge[] made = new Challenge[1];
      return new Check(
          200,
          () -> {
            if (made[0] == null) {
              made[0] = challenge(s);
            }
            return Optional.of(made[0]);
          });
    }

    private Check verifyCred(AuthScheme s, SyncHeader h) {
      if (serverDone) {
        serverPassed = true;
        return Check.TRUSTED;
      }
      if (h.cred().isEmpty()) {
        return fail(407, "no credentials");
      }
      Credential cred = h.cred().get();
      Optional<AuthScheme> presented =
          AuthScheme.fromMetaType(cred.meta().type().orElse(""), DigestAlgorithm.MD5);
      if (presented.isEmpty() || presented.get() != s) {
        return fail(401, "credentials of another scheme than " + s.metaType());
      }
      if (s.verifies(cred.data(), server.name(), server.secret(), serverNonce)) {
        serverDone = true;
        serverPassed = true;
        log.accept(
            "DM account "
                + account.node()
                + ": server "
                + account.serverId()
                + " authenticated ("
                + s.metaType()
                + ")");
        return Check.of(212, challenge(s));
      }
      for (byte[] resync : Nonces.resync()) {
        if (s.usesNonce() && s.verifies(cred.data(), server.name(), server.secret(), resync)) {
          return fail(401, "credentials on the resynchronisation nonce, challenged anew");
        }
      }
      return fail(401, "wrong credentials");
    }

    private Check fail(int code, String why) {
      failures++;
      serverPassed = false;
      log.accept(
          "DM account "
              + account.node()
              + ": server "
              + account.serverId()
              + " not authenticated ("
              + why
              + "), answered "
              + code
              + "; failure "
              + failures
              + " of "
              + maxAttempts);
      return Check.of(code, challenge(server.scheme()));
    }

    /** A Chal with a fresh nonce, stored as the server's before it leaves. */
    private Challenge challenge(AuthScheme s) {
      byte[] next = Nonces.fresh(random);
      try {
        accounts.storeNonce(server, next);
      } catch (DmException e) {
        log.accept(
            "DM account " + account.node() + ": server nonce not stored (" + e.status() + ")");
      }
      serverNonce = next;
      return new Challenge(Meta.of("b64", s.metaType()).withNextNonce(Nonces.encode(next)));
    }

    @Override
    public Verdict accept(Status status) {
      if (status.chal().isPresent() && client != null) {
        Optional<Verdict> stop = takeChallenge(status.chal().get().meta());
        if (stop.isPresent()) {
          return stop.get();
        }
      }
      int code = status.code();
      if (code == 212) {
        clientDone = true;
        return Verdict.GO_ON;
      }
      if (code != 401 && code != 407) {
        return Verdict.GO_ON;
      }
      refusals++;
      if (client == null) {
        log.accept(
            "DM account "
                + account.node()
                + ": server "
                + account.serverId()
                + " demands credentials ("
                + code
                + ") but the account has none; session aborted");
        return Verdict.GIVE_UP;
      }
      if (refusals >= maxAttempts) {
        log.accept(
            "DM account "
                + account.node()
                + ": server "
                + account.serverId()
                + " refused our credentials ("
                + client.scheme().metaType()
                + " as "
                + client.name()
                + ", last status "
                + code
                + ") "
                + refusals
                + " times; session aborted");
        return Verdict.GIVE_UP;
      }
      clientDone = false;
      return Verdict.RESTART;
    }

    /**
     * Takes the scheme and NextNonce of a challenge; a demand for Basic instead of more is refused.
     */
    private Optional<Verdict> takeChallenge(Meta chal) {
      Optional<AuthScheme> asked =
          chal.type().flatMap(t -> AuthScheme.fromMetaType(t, client.scheme().algorithm()));
      if (asked.isPresent() && asked.get() != client.scheme()) {
        if (strength(asked.get()) < strength(client.scheme())) {
          log.accept(
              "DM account "
                  + account.node()
                  + ": server "
                  + account.serverId()
                  + " asked for "
                  + name(asked.get())
                  + " instead of "
                  + name(client.scheme())
                  + "; refused as a downgrade, session aborted");
          return Optional.of(Verdict.GIVE_UP);
        }
        client = client.withScheme(asked.get());
      }
      Optional<String> next = chal.nextNonce();
      if (next.isPresent()) {
        byte[] nonce = Nonces.decode(next.get());
        client = client.withNonce(nonce);
        if (serverPassed) {
          try {
            accounts.storeNonce(client, nonce);
          } catch (DmException e) {
            log.accept(
                "DM account " + account.node() + ": client nonce not stored (" + e.status() + ")");
          }
        }
      }
      return Optional.empty();
    }

    /**
     * How much a scheme protects: Basic (the secret itself) below the digests, the digests below
     * HMAC (which also protects every message's body), MD5 below SHA-256 within each. A challenge
     * may ask for more, never for less: a forged 401 would otherwise switch us to a weaker scheme.
     */
    private static int strength(AuthScheme s) {
      int family = s.isHmac() ? 2 : s.usesNonce() ? 1 : 0;
      return family * 2 + (s.algorithm() == DigestAlgorithm.SHA256 ? 1 : 0);
    }

    private static String name(AuthScheme s) {
      return s == AuthScheme.BASIC ? "Basic" : s.aauthType();
    }

    @Override
    public boolean exhausted() {
      return failures >= maxAttempts;
    }
  }
}
