package io.dmagent.console;

import java.util.regex.Pattern;
import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.SyntaxError;

/**
 * The one line the console prints for a command that threw: what went wrong in the operator's
 * words, never a Java exception name or a stack trace. Gogo's own failures (an unknown command,
 * arguments no method takes, a syntax error) get a sentence that says what to do.
 */
final class ErrorText {
  static final int MAX_LENGTH = 300;

  /**
   * {@code java.lang.IllegalStateException: } and the like, as a wrapped cause's message starts.
   */
  private static final Pattern CLASS_NAME_PREFIX =
      Pattern.compile("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*|$)");

  private ErrorText() {}

  static String of(String commandLine, Throwable t) {
    String command = firstWord(commandLine);
    if (t instanceof CommandNotFoundException e) {
      return "unknown command: " + e.getCommand() + " (dm:help lists the agent's commands)";
    }
    if (t instanceof SyntaxError e) {
      return "syntax error at line " + e.line() + ", column " + e.column() + ": " + clean(e);
    }
    String message = clean(rootCause(t));
    if (t instanceof IllegalArgumentException && message.startsWith("Cannot coerce ")) {
      String help = command.startsWith("dm:") ? "dm:help " : "help ";
      return command + ": wrong arguments; " + help + command + " shows what it takes";
    }
    return command
        + ": "
        + (message.isEmpty()
            ? "failed without a message (its stack trace is logged at DEBUG)"
            : message);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause && blank(cause)) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean blank(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank();
  }

  /** The message on one line, without leading class names, cut to {@link #MAX_LENGTH}. */
  private static String clean(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().strip();
    String before;
    do {
      before = message;
      message = CLASS_NAME_PREFIX.matcher(message).replaceFirst("").strip();
    } while (!message.equals(before));
    StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_LENGTH + 3));
    for (int i = 0; i < message.length() && line.length() < MAX_LENGTH; i++) {
      char c = message.charAt(i);
      line.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    if (message.length() > MAX_LENGTH) {
      line.append("...");
    }
    return line.toString();
  }

  static String firstWord(String commandLine) {
    String s = commandLine.strip();
    int end = 0;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
      end++;
    }
    return end == 0 ? "command" : s.substring(0, end);
  }
}
