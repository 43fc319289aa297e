package io.dmagent.notification;

/** A package #0 that does not follow its layout; the message says where, never the bytes. */
final class MalformedNotification extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedNotification(String reason) {
    super(reason, null, false, false);
  }
}
