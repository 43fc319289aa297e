package io.dmagent.protocol;

import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.protocol.account.Account;
import java.util.Optional;

/**
 * The authentication step of a session: what Cred goes into our headers, what status the server's
 * header earns, and what to make of the server's status for ours. Today's {@link
 * AccountAuthenticator} sends the account's Basic or MD5 credentials, if it has any, and trusts the
 * server; the challenge flows (401/407 with Chal, restart of package 1, HMAC, server verification)
 * come with the security issue behind this same seam.
 */
public interface Authenticator {
  /** Starts the authentication of one session with the server of {@code account}. */
  Exchange open(Account account);

  /** One session's authentication state. Confined to the session's thread. */
  interface Exchange {
    /** The Cred for the next message's SyncHdr, if any. */
    Optional<Credential> credential();

    /** The LocName our header's Source carries (the user name MD5 and HMAC need), if any. */
    Optional<String> userName();

    /** The status code the server's header gets (200, or 212/401/407 once servers are checked). */
    int verify(SyncHeader serverHeader);

    /**
     * The server's Status for our header. Returns false when the session cannot go on (refused
     * credentials, for now).
     */
    boolean accept(Status headerStatus);
  }
}
