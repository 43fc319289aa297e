package io.dmagent.scomo;

import io.dmagent.api.download.DownloadFailure;

/**
 * SCOMO's result codes, the data of an OperationComplete alert: 1200 success, 14xx client errors,
 * 15xx errors of the download server.
 */
enum ResultCode {
  SUCCESSFUL(1200),
  CLIENT_ERROR(1400),
  USER_CANCELLED(1401),
  DOWNLOAD_FAILED(1402),
  ALTERNATE_DOWNLOAD_AUTHENTICATION_FAILURE(1403),
  DOWNLOAD_FAILED_OUT_OF_MEMORY(1404),
  INSTALL_FAILED(1405),
  INSTALL_FAILED_OUT_OF_MEMORY(1406),
  PACKAGE_VALIDATION_FAILED(1407),
  REMOVE_FAILED(1408),
  ACTIVATE_FAILED(1409),
  DEACTIVATE_FAILED(1410),
  NOT_IMPLEMENTED(1411),
  UNDEFINED_ERROR(1412),
  UNSUPPORTED_ENVIRONMENT(1413),
  ALTERNATE_DOWNLOAD_SERVER_ERROR(1500),
  ALTERNATE_DOWNLOAD_SERVER_UNAVAILABLE(1501);

  private final int code;

  ResultCode(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  /** The code a failed download or verification reports. */
  static ResultCode of(DownloadFailure failure) {
    return switch (failure) {
      case BAD_URL, NOT_FOUND -> ALTERNATE_DOWNLOAD_SERVER_ERROR;
      case NOT_AUTHORIZED -> ALTERNATE_DOWNLOAD_AUTHENTICATION_FAILURE;
      case NETWORK -> ALTERNATE_DOWNLOAD_SERVER_UNAVAILABLE;
      case TOO_LARGE -> DOWNLOAD_FAILED_OUT_OF_MEMORY;
      case DIGEST_MISMATCH, UNSIGNED, BAD_SIGNATURE -> PACKAGE_VALIDATION_FAILED;
      case CANCELLED -> USER_CANCELLED;
    };
  }
}
