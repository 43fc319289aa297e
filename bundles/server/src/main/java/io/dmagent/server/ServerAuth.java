package io.dmagent.server;

import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Challenge;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.security.AuthScheme;
import io.dmagent.api.security.HmacHeader;
import io.dmagent.api.security.Nonces;
import io.dmagent.api.tree.DmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The server's side of application-level authentication in one session (digest 3.3): checks the
 * device's Cred or {@code x-syncml-hmac} against the nonce it last gave the device, answers 212
 * (HMAC: 200) with a fresh NextNonce, or 407 (none) / 401 (wrong) with a Chal and a fresh nonce;
 * sends its own Cred (or HMAC) built on the nonce the device last gave it; takes the device's
 * challenges. Secrets are never logged.
 *
 * <p>The session works on its own copy of the device's nonces, read from the {@link NonceBook} at
 * its start; they are written back only once the device has authenticated. A client that fails
 * leaves nothing behind it, and cannot change the nonce a known device will authenticate with.
 */
final class ServerAuth {
  /** Failed checks of the device before the session is refused outright. */
  static final int MAX_FAILURES = 3;

  private final Optional<DeviceAuth> creds;
  private final String devId;
  private final NonceBook book;
  private final String serverId;
  private final SecureRandom random;
  private final ServerLog log;
  private final java.util.function.Consumer<String> refusal;
  private final String sessionId;
  private byte[] clientNonce;
  private byte[] serverNonce;
  private boolean authenticated;
  private boolean clientDone;
  private boolean serverDone;
  private boolean challenged;
  private int failures;

  /**
   * @param refusal where a failed check is reported (summarised per client address)
   */
  ServerAuth(
      Optional<DeviceAuth> creds,
      String devId,
      NonceBook book,
      String serverId,
      SecureRandom random,
      ServerLog log,
      java.util.function.Consumer<String> refusal,
      String sessionId) {
    this.creds = creds;
    this.devId = devId;
    this.book = book;
    this.serverId = serverId;
    this.random = random;
    this.log = log;
    this.refusal = refusal;
    this.sessionId = sessionId;
    NonceBook.Nonces known = creds.isPresent() ? book.get(devId) : NonceBook.Nonces.NONE;
    this.clientNonce = known.client();
    this.serverNonce = known.server();
  }

  /** Whether the device has authenticated in this session (or none is asked of it). */
  boolean authenticated() {
    return authenticated || creds.isEmpty();
  }

  /** Once the device proved itself, its nonces are kept for its next sessions. */
  private void keep() {
    if (authenticated) {
      book.put(devId, new NonceBook.Nonces(clientNonce, serverNonce));
    }
  }

  /** The status and challenge the device's header earns. */
  Check check(SyncHeader h, byte[] body, Optional<String> hmac) {
    if (creds.isEmpty()) {
      return new Check(200, Optional.empty());
    }
    DeviceAuth c = creds.get();
    AuthScheme s = c.clientScheme();
    if (s.isHmac()) {
      if (hmac.isEmpty()) {
        return fail(s, 407, "no " + HmacHeader.NAME);
      }
      try {
        HmacHeader header = HmacHeader.parse(hmac.get());
        boolean ok =
            header.algorithm() == s.algorithm()
                && header.username().equals(c.clientName())
                && header.verifies(c.clientSecret(), clientNonce, body);
        if (!ok) {
          return fail(s, 401, "HMAC mismatch");
        }
        authenticated = true;
        return new Check(200, Optional.of(challenge(s)));
      } catch (DmException e) {
        return fail(s, 401, WireText.escape(e.getMessage(), 200));
      }
    }
    if (clientDone) {
      return new Check(200, Optional.empty());
    }
    if (h.cred().isEmpty()) {
      return fail(s, 407, "no credentials");
    }
    Credential cred = h.cred().get();
    Optional<AuthScheme> presented =
        AuthScheme.fromMetaType(cred.meta().type().orElse(""), s.algorithm());
    if (presented.isEmpty() || presented.get() != s) {
      return fail(s, 401, "credentials of another scheme than " + s.metaType());
    }
    if (!s.verifies(cred.data(), c.clientName(), c.clientSecret(), clientNonce)) {
      return fail(s, 401, "wrong credentials");
    }
    clientDone = true;
    authenticated = true;
    log.info(
        "session "
            + WireText.quote(sessionId)
            + " with "
            + WireText.quote(devId)
            + ": device authenticated ("
            + s.metaType()
            + ")");
    // 212 for the session, and the nonce of the device's next session (digest 3.3).
    return new Check(212, Optional.of(challenge(s)));
  }

  private Check fail(AuthScheme s, int code, String why) {
    failures++;
    refusal.accept(
        "session "
            + WireText.quote(sessionId)
            + " with "
            + WireText.quote(devId)
            + ": device not authenticated ("
            + why
            + "), answered "
            + code
            + ", failure "
            + failures
            + " of "
            + MAX_FAILURES);
    return new Check(code, Optional.of(challenge(s)));
  }

  private Challenge challenge(AuthScheme s) {
    clientNonce = Nonces.fresh(random);
    keep();
    return new Challenge(Meta.of("b64", s.metaType()).withNextNonce(Nonces.encode(clientNonce)));
  }

  /** Whether the device failed so often that the session is refused. */
  boolean exhausted() {
    return failures >= MAX_FAILURES;
  }

  /** The device's Status for our header: its NextNonce, 212, or its challenge to us. */
  void onHeaderStatus(Status s) {
    s.chal()
        .flatMap(ch -> ch.meta().nextNonce())
        .ifPresent(
            n -> {
              serverNonce = Nonces.decode(n);
              keep();
            });
    if (s.code() == 212) {
      serverDone = true;
    } else if (s.code() == 401 || s.code() == 407) {
      serverDone = false;
      challenged = true;
      log.warn(
          "session "
              + WireText.quote(sessionId)
              + " with "
              + WireText.quote(devId)
              + ": the device refused the server's credentials ("
              + s.code()
              + ")");
    }
  }

  /** Whether the device refused our last message for our credentials; asking clears it. */
  boolean takeChallenge() {
    boolean was = challenged;
    challenged = false;
    return was;
  }

  /** The Cred of our next header, if the server proves itself by Cred. */
  Optional<Credential> credential() {
    return creds.flatMap(
        c ->
            c.serverScheme()
                .filter(s -> !s.isHmac() && !serverDone)
                .map(
                    s ->
                        new Credential(
                            Meta.of("b64", s.metaType()),
                            s.credential(serverId, c.serverSecret(), serverNonce))));
  }

  /**
   * The {@code x-syncml-hmac} header of our message {@code body}, if the server proves itself so.
   */
  Map<String, String> headers(byte[] body) {
    return creds
        .flatMap(
            c ->
                c.serverScheme()
                    .filter(AuthScheme::isHmac)
                    .map(
                        s ->
                            Map.of(
                                HmacHeader.NAME,
                                HmacHeader.sign(
                                        s.algorithm(),
                                        serverId,
                                        c.serverSecret(),
                                        serverNonce,
                                        body)
                                    .value())))
        .orElse(Map.of());
  }

  /** The status for a device's header and the challenge with it. */
  record Check(int code, Optional<Challenge> challenge) {
    boolean passed() {
      return code == 200 || code == 212;
    }
  }
}
