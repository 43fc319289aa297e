package io.dmagent.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The launcher's own lines ({@code DM Agent ready ...}, {@code ERROR dmagent: ...}) under systemd:
 * each starts with its syslog priority, as the log's lines do, so that {@code journalctl -p err}
 * finds a failed start too. Elsewhere the lines are printed as they are.
 */
final class JournalLines extends PrintStream {
  private final boolean journald;

  JournalLines(OutputStream out, boolean journald) {
    super(out, true, StandardCharsets.UTF_8);
    this.journald = journald;
  }

  /** Standard output, with priorities when it is systemd's journal. */
  static PrintStream standardOutput() {
    return new JournalLines(System.out, io.dmagent.runtime.JournalStream.isStandardOutput());
  }

  @Override
  public void println(String line) {
    super.println(journald ? priority(line) + line : line);
  }

  /** {@code <3>} for a line that starts with ERROR, {@code <4>} WARN, else {@code <6>} (info). */
  static String priority(String line) {
    if (line.startsWith("ERROR")) {
      return "<3>";
    }
    return line.startsWith("WARN") ? "<4>" : "<6>";
  }
}
