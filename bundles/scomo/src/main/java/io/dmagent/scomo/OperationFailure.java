package io.dmagent.scomo;

/** An operation that failed: the result code the server gets and the reason, one line. */
final class OperationFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final ResultCode code;

  OperationFailure(ResultCode code, String reason) {
    super(reason);
    this.code = code;
  }

  OperationFailure(ResultCode code, String reason, Throwable cause) {
    super(reason, cause);
    this.code = code;
  }

  ResultCode code() {
    return code;
  }
}
