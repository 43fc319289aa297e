package io.dmagent.api.message;

import java.util.Objects;

/**
 * {@code Chal}, in a Status for the SyncHdr: the scheme the peer demands (Meta Type), its Format
 * and, for MD5 and HMAC, the NextNonce to use.
 */
public record Challenge(Meta meta) {
  public Challenge {
    Objects.requireNonNull(meta);
  }
}
