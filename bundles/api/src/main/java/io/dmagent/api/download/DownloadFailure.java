package io.dmagent.api.download;

/** Why a download or a verification failed; SCOMO and FUMO map each to their result codes. */
public enum DownloadFailure {
  /** The URL is malformed or of a scheme we do not fetch. */
  BAD_URL,
  /** The server answered 404 or 410. */
  NOT_FOUND,
  /** The server refused us (401, 403). */
  NOT_AUTHORIZED,
  /** The connection failed and retries were used up. */
  NETWORK,
  /** Larger than the request's bound or than the space left. */
  TOO_LARGE,
  /** The content does not match the digest the server gave. */
  DIGEST_MISMATCH,
  /** A jar or package without a signature, where signatures are required. */
  UNSIGNED,
  /**
   * A signature that does not verify, covers only part of the content, or chains to no trust
   * anchor.
   */
  BAD_SIGNATURE,
  /** Cancelled by the caller or by the bundle stopping. */
  CANCELLED
}
