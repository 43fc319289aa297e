package io.dmagent.pushsip;

import io.dmagent.api.push.PushOutcome;

/** The SIP status codes the binding answers with, and the one for each push outcome. */
final class SipStatus {
  static final int OK = 200;
  static final int ACCEPTED = 202;
  static final int BAD_REQUEST = 400;
  static final int FORBIDDEN = 403;
  static final int METHOD_NOT_ALLOWED = 405;
  static final int GONE = 410;
  static final int TOO_LARGE = 413;
  static final int UNSUPPORTED_MEDIA_TYPE = 415;
  static final int BAD_EVENT = 489;
  static final int SERVER_ERROR = 500;
  static final int SERVICE_UNAVAILABLE = 503;
  static final int MESSAGE_TOO_LARGE = 513;

  private SipStatus() {}

  /** FRAMINGS: 200 for a push already taken, 202 for one taken now, the refusals as listed. */
  static int of(PushOutcome outcome) {
    return switch (outcome) {
      case ACCEPTED, QUEUED -> ACCEPTED;
      case DUPLICATE, DECLINED -> OK;
      case MALFORMED -> BAD_REQUEST;
      case UNAUTHENTICATED, UNKNOWN_SERVER -> FORBIDDEN;
      case TOO_LARGE -> TOO_LARGE;
      case UNSUPPORTED_TYPE -> UNSUPPORTED_MEDIA_TYPE;
      case EXPIRED -> GONE;
      case RATE_LIMITED -> SERVICE_UNAVAILABLE;
    };
  }

  /** RFC 3261 section 21's reason phrases. */
  static String phrase(int status) {
    return switch (status) {
      case OK -> "OK";
      case ACCEPTED -> "Accepted";
      case BAD_REQUEST -> "Bad Request";
      case FORBIDDEN -> "Forbidden";
      case METHOD_NOT_ALLOWED -> "Method Not Allowed";
      case GONE -> "Gone";
      case TOO_LARGE -> "Request Entity Too Large";
      case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Media Type";
      case BAD_EVENT -> "Bad Event";
      case SERVER_ERROR -> "Server Internal Error";
      case SERVICE_UNAVAILABLE -> "Service Unavailable";
      case MESSAGE_TOO_LARGE -> "Message Too Large";
      default -> "Unknown";
    };
  }
}
