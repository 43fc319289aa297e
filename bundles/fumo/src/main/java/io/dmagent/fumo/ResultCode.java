package io.dmagent.fumo;

import io.dmagent.api.download.DownloadFailure;

/** FUMO 1.0's result codes, carried as the Data of the Generic Alert that ends an operation. */
final class ResultCode {
  static final int SUCCESSFUL = 200;
  static final int USER_CANCELLED = 401;
  static final int CORRUPTED_PACKAGE = 402;
  static final int PACKAGE_MISMATCH = 403;
  static final int FAILED_VALIDATION = 404;
  static final int NOT_ACCEPTABLE = 405;
  static final int AUTHENTICATION_FAILED = 406;
  static final int UPDATE_FAILED = 410;
  static final int BAD_URL = 411;
  static final int SERVER_UNAVAILABLE = 412;
  static final int OUT_OF_MEMORY_DOWNLOAD = 501;
  static final int OUT_OF_MEMORY_UPDATE = 502;
  static final int NETWORK = 503;

  private ResultCode() {}

  /** The result of a download that failed this way (docs/CONFORMANCE.md lists the mapping). */
  static int of(DownloadFailure failure) {
    return switch (failure) {
      case BAD_URL, NOT_FOUND -> BAD_URL;
      case NOT_AUTHORIZED -> AUTHENTICATION_FAILED;
      case NETWORK -> NETWORK;
      case TOO_LARGE -> OUT_OF_MEMORY_DOWNLOAD;
      case DIGEST_MISMATCH -> CORRUPTED_PACKAGE;
      case UNSIGNED, BAD_SIGNATURE -> FAILED_VALIDATION;
      case CANCELLED -> USER_CANCELLED;
    };
  }
}
