package io.dmagent.api.download;

import java.util.Objects;

/** A failed download or verification: its failure kind and a message fit for a log line. */
public class DownloadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DownloadFailure failure;

  public DownloadException(DownloadFailure failure, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure);
  }

  public DownloadFailure failure() {
    return failure;
  }
}
