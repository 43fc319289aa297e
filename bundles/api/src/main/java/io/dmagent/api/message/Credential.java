package io.dmagent.api.message;

import java.util.Objects;

/**
 * {@code Cred}: the scheme and encoding in its Meta ({@code syncml:auth-basic}, {@code
 * syncml:auth-md5}; Format {@code b64}) and the credential itself in Data. DM allows it in the
 * SyncHdr only.
 */
public record Credential(Meta meta, String data) {
  public Credential {
    Objects.requireNonNull(meta);
    Objects.requireNonNull(data);
  }

  /** Never the credential's data. */
  @Override
  public String toString() {
    return "Credential[" + meta + ", ***]";
  }
}
