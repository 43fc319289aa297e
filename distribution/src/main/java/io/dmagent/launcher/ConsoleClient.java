package io.dmagent.launcher;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code bin/dmagent client}: a console on the running agent, through the Unix-domain socket {@code
 * data/console.sock} its console bundle listens on (owner only: run it as the agent's user). On a
 * terminal it reads lines with JLine (editing, history in {@code data/console.history}); otherwise
 * it runs the lines of its standard input, or the command given after {@code client}, and exits 1
 * if any failed.
 *
 * <p>The protocol is the console bundle's: command lines go out, and each answer ends with a NUL
 * and {@code 0} (done) or {@code 1} (failed).
 */
public final class ConsoleClient implements AutoCloseable {
  static final String PROMPT = "dm> ";

  private final SocketChannel channel;
  private final OutputStream toAgent;
  private final InputStream fromAgent;
  private final PrintStream out;

  ConsoleClient(SocketChannel channel, PrintStream out) {
    this.channel = channel;
    this.toAgent = Channels.newOutputStream(channel);
    this.fromAgent = new BufferedInputStream(Channels.newInputStream(channel));
    this.out = out;
  }

  public static void main(String[] args) {
    Path data = Path.of(System.getProperty("dmagent.home", ".")).resolve("data");
    Path socket = data.resolve("console.sock");
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      System.err.println(
          "dmagent client: cannot reach the agent at "
              + socket
              + " ("
              + e.getMessage()
              + "): is it running, and are you its user?");
      System.exit(2);
      return;
    }
    int status;
    try (ConsoleClient client = new ConsoleClient(channel, System.out)) {
      if (args.length > 0) {
        status = client.run(String.join(" ", args)) ? 0 : 1;
      } else if (System.console() != null) {
        status = client.interactive(data.resolve("console.history"));
      } else {
        status = client.script(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      System.err.println("dmagent client: connection to the agent lost: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** Sends one line and prints the agent's answer; false if the command failed. */
  boolean run(String line) throws IOException {
    toAgent.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    toAgent.flush();
    for (int b = fromAgent.read(); ; b = fromAgent.read()) {
      if (b == -1) {
        throw new IOException("the agent closed the console");
      }
      if (b == 0) {
        out.flush();
        return fromAgent.read() == '0';
      }
      out.write(b);
    }
  }

  /** Runs every line of {@code in}; 0 if all succeeded, else 1. */
  int script(java.io.Reader in) throws IOException {
    boolean allOk = true;
    BufferedReader lines = new BufferedReader(in);
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      allOk &= run(line);
    }
    return allOk ? 0 : 1;
  }

  private int interactive(Path history) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      if (terminal.getWidth() <= 0) {
        // A serial line or a pseudo-terminal nobody sized reports 0 columns: JLine would cut
        // every line to nothing.
        terminal.setSize(new Size(80, 24));
      }
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("dmagent")
              .variable(LineReader.HISTORY_FILE, history)
              .variable(LineReader.HISTORY_SIZE, 1000)
              .variable(LineReader.HISTORY_FILE_SIZE, 1000)
              .history(new HistoryWithoutSecrets())
              .build();
      out.println(
          "DM Agent console: dm:help lists the agent's commands, help all of them; Ctrl-D leaves");
      while (true) {
        String line;
        try {
          line = reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return 0;
        }
        if (line.strip().equals("exit") || line.strip().equals("logout")) {
          return 0;
        }
        run(line);
      }
    }
  }

  /**
   * The history, less the lines that name a secret ({@code dm:set ...AAuthSecret <secret>}): they
   * can be typed and edited, but are never written to {@code data/console.history} or recalled.
   */
  static final class HistoryWithoutSecrets extends DefaultHistory {
    private static final Pattern SECRET =
        Pattern.compile("(?i).*(secret|password|pskkey|aauthdata|passphrase).*");

    static boolean namesSecret(String line) {
      return SECRET.matcher(line).matches();
    }

    @Override
    public void add(Instant time, String line) {
      if (!namesSecret(line)) {
        super.add(time, line);
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
