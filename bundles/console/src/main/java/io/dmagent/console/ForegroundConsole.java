package io.dmagent.console;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The console on the agent's own terminal, {@code bin/dmagent --console} (framework property
 * {@value #ENABLED}): prompts {@value #PROMPT}, runs each line, and stops the agent at the end of
 * its input (Ctrl-D), as Gogo's shell did. Without the property it does nothing, and standard input
 * is left alone.
 */
@Component(
    service = {},
    immediate = true)
public final class ForegroundConsole {
  static final String ENABLED = "dmagent.console";
  static final String PROMPT = "g! ";

  private final BundleContext context;
  private final Thread thread;
  private volatile boolean stopped;

  @Activate
  public ForegroundConsole(
      @Reference CommandProcessor processor,
      @Reference(service = LoggerFactory.class) Logger log,
      BundleContext context) {
    this.context = context;
    if (!Boolean.parseBoolean(context.getProperty(ENABLED))) {
      this.thread = null;
      return;
    }
    // The process's own streams, not System.out: Gogo swaps that for a stream of its own that
    // writes wherever the current command's output goes.
    InputStream keyboard = new FileInputStream(FileDescriptor.in);
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    this.thread = new Thread(() -> serve(processor, log, keyboard, out), "dmagent-console");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(
      CommandProcessor processor, Logger log, InputStream keyboard, PrintStream out) {
    BoundedLines lines = new BoundedLines(keyboard);
    try (ConsoleSession console =
        new ConsoleSession(
            processor,
            InputStream.nullInputStream(),
            out,
            (command, e) -> log.debug("console command {} failed", command, e))) {
      for (String line = prompt(out, lines); line != null && !stopped; line = prompt(out, lines)) {
        if (line.equals(BoundedLines.TOO_LONG)) {
          out.println("console: line longer than " + BoundedLines.MAX_LINE + " characters ignored");
        } else {
          console.run(line);
        }
      }
    } catch (IOException e) {
      out.println("console: cannot read the terminal any more: " + e.getMessage());
    }
    if (!stopped) {
      out.println("console: end of input: stopping the agent");
      stopAgent();
    }
  }

  private static String prompt(PrintStream out, BoundedLines lines) throws IOException {
    out.print(PROMPT);
    out.flush();
    return lines.next();
  }

  private void stopAgent() {
    try {
      context.getBundle(0).stop();
    } catch (BundleException | IllegalStateException e) {
      // The framework is stopping already.
    }
  }

  @Deactivate
  void stop() {
    // A read of standard input cannot be interrupted: the thread ends at its next line.
    stopped = true;
  }
}
