package io.dmagent.api.download;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What to fetch: an id chosen by the caller (the same id resumes the same download after a dropped
 * connection or a restart), the URL (http, https), the most bytes it may have, and the SHA-256
 * (hex) it must match when the server gave one.
 */
public record DownloadRequest(String id, URI source, long maxBytes, Optional<String> sha256) {
  public DownloadRequest {
    if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a download id is 1 to 64 of [A-Za-z0-9._-]");
    }
    Objects.requireNonNull(source);
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("a download needs a positive size bound");
    }
    Objects.requireNonNull(sha256);
  }
}
