package io.dmagent.server;

import java.util.function.Consumer;

/**
 * Where the server reports what an operator should see: a session begun or ended, a message
 * refused. Lines speak of shapes and identifiers, never of credentials.
 */
public interface ServerLog {
  void info(String message);

  void warn(String message);

  /** Info lines to {@code info}, warnings to {@code warn}. */
  static ServerLog of(Consumer<String> info, Consumer<String> warn) {
    return new ServerLog() {
      @Override
      public void info(String message) {
        info.accept(message);
      }

      @Override
      public void warn(String message) {
        warn.accept(message);
      }
    };
  }

  /** The JDK's platform logging, for the server run as a plain Java class (tests, benchmarks). */
  static ServerLog system() {
    System.Logger logger = System.getLogger("io.dmagent.server");
    return of(
        message -> logger.log(System.Logger.Level.INFO, message),
        message -> logger.log(System.Logger.Level.WARNING, message));
  }

  /** Says nothing: for benchmarks, where a line per session would be the measurement. */
  static ServerLog silent() {
    return of(message -> {}, message -> {});
  }
}
