package io.dmagent.api.download;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Fetches packages, registered by the download bundle. Progress is logged once per 10 % and read
 * from {@link Download#received()}; a download with the id of an unfinished one resumes it with an
 * HTTP range request.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Downloads {

  /** Starts the download, or resumes the unfinished one with the same id. */
  Download start(DownloadRequest request);

  /** The running or finished download with that id. */
  Optional<Download> find(String id);

  /** Deletes the download's file and part; the id may be used again. */
  void discard(String id);

  /**
   * Verifies the signature of a jar (a bundle, or a firmware package, which is a signed jar too):
   * every entry signed by one signer whose chain ends at a trust anchor of the operator's trust
   * store in {@code config/}.
   *
   * @return the signer's subject DN, or empty for an unsigned jar when the configuration allows
   *     unsigned ones
   * @throws DownloadException {@link DownloadFailure#UNSIGNED} or {@link
   *     DownloadFailure#BAD_SIGNATURE}
   */
  Optional<String> verifySigner(Path jar) throws DownloadException;
}
