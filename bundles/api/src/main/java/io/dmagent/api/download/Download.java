package io.dmagent.api.download;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/** One running or finished download. */
@org.osgi.annotation.versioning.ProviderType
public interface Download {

  String id();

  /** Bytes received so far, those of earlier attempts included. */
  long received();

  /** The size the server announced, when it did. */
  OptionalLong total();

  /**
   * Completes with the downloaded file (in the agent's data area, owned by the caller until it
   * calls {@link Downloads#discard}) once it is whole and matches its digest; exceptionally with a
   * {@link DownloadException}.
   */
  CompletionStage<Path> done();

  /**
   * Stops it; {@link #done()} completes with {@link DownloadFailure#CANCELLED}, the part is kept.
   */
  void cancel();
}
