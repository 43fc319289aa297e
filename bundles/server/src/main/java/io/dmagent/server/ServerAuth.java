package io.dmagent.server;

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
 * challenges. Nonces live in the device's record, in memory. Secrets are never logged.
 */
final class ServerAuth {
  /** Failed checks of the device before the session is refused outright. */
  static final int MAX_FAILURES = 3;

  private final Optional<DeviceAuth> creds;
  private final DeviceState device;
  private final String serverId;
  private final SecureRandom random;
  private final ServerLog log;
  private final String sessionId;
  private boolean clientDone;
  private boolean serverDone;
  private boolean challenged;
  private int failures;

  ServerAuth(
      Optional<DeviceAuth> creds,
      DeviceState device,
      String serverId,
      SecureRandom random,
      ServerLog log,
      String sessionId) {
    this.creds = creds;
    this.device = device;
    this.serverId = serverId;
    this.random = random;
    this.log = log;
    this.sessionId = sessionId;
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
                && header.verifies(c.clientSecret(), device.clientNonce(), body);
        return ok ? new Check(200, Optional.of(challenge(s))) : fail(s, 401, "HMAC mismatch");
      } catch (DmException e) {
        return fail(s, 401, e.getMessage());
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
    if (!s.verifies(cred.data(), c.clientName(), c.clientSecret(), device.clientNonce())) {
      return fail(s, 401, "wrong credentials");
    }
    clientDone = true;
    log.info(
        "session "
            + sessionId
            + " with "
            + device.devId()
            + ": device authenticated ("
            + s.metaType()
            + ")");
    // 212 for the session, and the nonce of the device's next session (digest 3.3).
    return new Check(212, Optional.of(challenge(s)));
  }

  private Check fail(AuthScheme s, int code, String why) {
    failures++;
    log.warn(
        "session "
            + sessionId
            + " with "
            + device.devId()
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
    byte[] next = Nonces.fresh(random);
    device.clientNonce(next);
    return new Challenge(Meta.of("b64", s.metaType()).withNextNonce(Nonces.encode(next)));
  }

  /** Whether the device failed so often that the session is refused. */
  boolean exhausted() {
    return failures >= MAX_FAILURES;
  }

  /** The device's Status for our header: its NextNonce, 212, or its challenge to us. */
  void onHeaderStatus(Status s) {
    s.chal()
        .flatMap(ch -> ch.meta().nextNonce())
        .ifPresent(n -> device.serverNonce(Nonces.decode(n)));
    if (s.code() == 212) {
      serverDone = true;
    } else if (s.code() == 401 || s.code() == 407) {
      serverDone = false;
      challenged = true;
      log.warn(
          "session "
              + sessionId
              + " with "
              + device.devId()
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
                            s.credential(serverId, c.serverSecret(), device.serverNonce()))));
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
                                        device.serverNonce(),
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
