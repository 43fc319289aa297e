package io.dmagent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard output is systemd's journal: systemd sets {@code JOURNAL_STREAM} to the {@code
 * <device>:<inode>} of the stream it connected, which stays in the environment of programs started
 * from the service with other output (a shell redirect), so the stream itself is compared.
 */
public final class JournalStream {
  private JournalStream() {}

  static boolean isStandardOutput(Map<String, String> env, Path stdout) {
    String stream = env.get("JOURNAL_STREAM");
    if (stream == null || stream.isBlank()) {
      return false;
    }
    try {
      Map<String, Object> attrs = Files.readAttributes(stdout, "unix:dev,ino");
      return stream.strip().equals(attrs.get("dev") + ":" + attrs.get("ino"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Cannot tell (no /proc): trust the variable.
      return true;
    }
  }

  public static boolean isStandardOutput() {
    return isStandardOutput(System.getenv(), Path.of("/proc/self/fd/1"));
  }
}
