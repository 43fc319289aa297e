package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.message.Challenge;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The authentication step of a session, both ways: what Cred goes into our headers (or which {@code
 * x-syncml-hmac} header goes with our bytes), what status and challenge the server's header earns,
 * and what to do with the server's status for ours: go on, restart package 1 with new credentials
 * (a challenge), or give up. {@link TreeAuthenticator} does all of it from the DMAcc; {@link
 * AccountAuthenticator} only sends an account's Basic or MD5 credentials.
 */
public interface Authenticator {
  /** Starts the authentication of one session with the server of {@code account}. */
  Exchange open(Account account);

  /** What the session does after the server's Status for our header. */
  enum Verdict {
    /** Our credentials were accepted (or not needed): carry on. */
    GO_ON,
    /** The server challenged: send package 1 again with the credentials it asked for. */
    RESTART,
    /** No point trying again in this session: abort it. */
    GIVE_UP
  }

  /**
   * The status the server's header gets, and the challenge that goes with it: asked for only when
   * the Status is sent, so that a nonce is made (and stored) only when the server will see it.
   */
  record Check(int code, Supplier<Optional<Challenge>> challenge) {
    static final Check TRUSTED = new Check(200, Optional::empty);

    static Check of(int code, Challenge challenge) {
      return new Check(code, () -> Optional.of(challenge));
    }

    /** Whether the server is authenticated (its commands may run). */
    public boolean passed() {
      return code == 200 || code == 212;
    }
  }

  /** One session's authentication state. Confined to the session's thread. */
  interface Exchange {
    /** The Cred for the next message's SyncHdr, if any. */
    Optional<Credential> credential();

    /** The LocName our header's Source carries (the user name MD5 and HMAC need), if any. */
    Optional<String> userName();

    /** Transport headers for the message whose encoded bytes are {@code body} (HMAC). */
    default Map<String, String> headers(byte[] body) {
      return Map.of();
    }

    /** The bytes of the server's next message and its {@code x-syncml-hmac} header, if any. */
    default void received(byte[] body, Optional<String> hmacHeader) {}

    /** The status and challenge the server's header gets. */
    Check verify(SyncHeader serverHeader);

    /** What to do after the server's Status for our header. */
    Verdict accept(Status headerStatus);

    /** Whether the server failed authentication so often that the session must end. */
    default boolean exhausted() {
      return false;
    }
  }
}
