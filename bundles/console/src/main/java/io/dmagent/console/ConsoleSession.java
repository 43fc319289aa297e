package io.dmagent.console;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.BiConsumer;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * One operator's console: each line runs on one Gogo session and prints its result, or one line if
 * it failed. Each line runs as a job of its own, which Gogo forgets when it is done; Gogo's own
 * console runs every line as a child of its shell's job instead, and that job keeps each child with
 * its pipes and streams until the console ends (tens of KB a command). Nothing else is kept from
 * one line to the next either (no {@code $_}, no history), so a console that runs scripts for a
 * year uses the memory it used after its first command.
 */
final class ConsoleSession implements AutoCloseable {
  /** What a failed {@code dm:} command returns (rather than throws): {@code error 404: ...}. */
  private static final String DM_ERROR = "error ";

  private final CommandSession session;
  private final PrintStream out;
  private final BiConsumer<String, Exception> failed;

  /**
   * {@code failed} hears the name of each command that threw, and what it threw (the components log
   * it at DEBUG, with its stack trace); never the command's arguments, which may be a secret.
   */
  ConsoleSession(
      CommandProcessor processor,
      InputStream keyboard,
      PrintStream out,
      BiConsumer<String, Exception> failed) {
    this.out = out;
    this.failed = failed;
    this.session = processor.createSession(keyboard, out, out);
  }

  /** Runs one line; false if it failed. Blank lines and {@code #} comments do nothing. */
  boolean run(String line) {
    String command = line.strip();
    if (command.isEmpty() || command.startsWith("#")) {
      return true;
    }
    try {
      Object result = session.execute(command);
      if (result == null) {
        return true;
      }
      CharSequence text = session.format(result, Converter.INSPECT);
      out.println(text);
      return !text.toString().startsWith(DM_ERROR);
    } catch (Exception e) {
      out.println(ErrorText.of(command, e));
      failed.accept(ErrorText.firstWord(command), e);
      return false;
    } finally {
      out.flush();
    }
  }

  /** The Gogo jobs still held (none once a line has run): what a leak would grow. */
  int retainedJobs() {
    return session.jobs().size();
  }

  @Override
  public void close() {
    session.close();
  }
}
