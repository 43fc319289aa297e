package io.dmagent.api.tree;

import java.util.Optional;

/** Status codes of the DM representation protocol that the agent emits (DM RepPro, TND 1.3). */
public enum StatusCode {
  OK(200),
  ACCEPTED_FOR_PROCESSING(202),
  AUTHENTICATION_ACCEPTED(212),
  CHUNKED_ITEM_ACCEPTED(213),
  OPERATION_CANCELLED(214),
  NOT_EXECUTED(215),
  ATOMIC_ROLL_BACK_OK(216),
  OK_WITH_INHERITED_ACL(217),
  BAD_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  COMMAND_NOT_ALLOWED(405),
  OPTIONAL_FEATURE_NOT_SUPPORTED(406),
  MISSING_CREDENTIALS(407),
  INCOMPLETE_COMMAND(412),
  REQUEST_ENTITY_TOO_LARGE(413),
  URI_TOO_LONG(414),
  UNSUPPORTED_MEDIA_TYPE_OR_FORMAT(415),
  ALREADY_EXISTS(418),
  DEVICE_FULL(420),
  SIZE_MISMATCH(424),
  PERMISSION_DENIED(425),
  COMMAND_FAILED(500),
  COMMAND_NOT_IMPLEMENTED(501),
  SERVICE_UNAVAILABLE(503),
  ATOMIC_FAILED(507),
  DATA_STORE_FAILURE(510),
  ATOMIC_ROLL_BACK_FAILED(516);

  private final int code;

  StatusCode(int code) {
    this.code = code;
  }

  /** The numeric code as it travels in a Status element. */
  public int code() {
    return code;
  }

  public boolean isSuccess() {
    return code >= 200 && code < 300;
  }

  public static Optional<StatusCode> of(int code) {
    for (StatusCode s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return code + " " + name();
  }
}
