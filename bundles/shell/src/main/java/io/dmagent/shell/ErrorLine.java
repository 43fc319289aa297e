package io.dmagent.shell;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;

/**
 * The one line a failed command prints: {@code error <status code>: <message>}. Never a stack
 * trace, and never more than the exception's message (which the tree keeps free of secrets).
 */
final class ErrorLine {
  private ErrorLine() {}

  static String of(DmException e) {
    String message = e.getMessage();
    String prefix = e.status().code() + ": ";
    if (message != null && message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    return of(e.status(), message);
  }

  static String of(StatusCode status, String message) {
    return "error " + status.code() + ": " + oneLine(message == null ? "" : message);
  }

  /**
   * A failure that is not a DM status (a bug, a missing codec, an I/O error): 500, with its message
   * but never the exception's class name, which tells an operator nothing.
   */
  static String of(Exception e) {
    if (e instanceof DmException dm) {
      return of(dm);
    }
    String message = e.getMessage();
    return of(
        StatusCode.COMMAND_FAILED,
        message == null || message.isBlank() ? "internal error without a message" : message);
  }

  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return b.toString();
  }
}
