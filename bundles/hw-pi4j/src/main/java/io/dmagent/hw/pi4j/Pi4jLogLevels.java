package io.dmagent.hw.pi4j;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pi4J logs through slf4j, which the distribution binds to java.util.logging: without this, every
 * context start prints a dozen lines in another format, and on anything but a Raspberry Pi its
 * board detection prints SEVERE lines that do not matter with an explicit platform. Pi4J's loggers
 * keep WARNING and above; board detection is silent (our own line names the platform). The loggers
 * are held here because java.util.logging forgets the level of a logger nobody references.
 */
final class Pi4jLogLevels implements AutoCloseable {
  private final List<Logger> loggers =
      List.of(Logger.getLogger("com.pi4j"), Logger.getLogger("com.pi4j.boardinfo"));
  private final List<Level> before = loggers.stream().map(Logger::getLevel).toList();

  Pi4jLogLevels() {
    loggers.get(0).setLevel(Level.WARNING);
    loggers.get(1).setLevel(Level.OFF);
  }

  /** Gives the levels back as they were. */
  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).setLevel(before.get(i));
    }
  }
}
