package io.dmagent.console;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandProcessor;

/**
 * One client of the {@link SocketConsole}. The protocol is plain text: the client sends command
 * lines (UTF-8, {@code \n}); the agent answers each with what it printed, then {@link #END_OK} or
 * {@link #END_FAILED} (a NUL and a digit, which no console output holds). The client keeps the line
 * editing and history; the agent keeps one Gogo session per connection, closed when it ends.
 */
final class ConsoleConnection implements AutoCloseable {
  static final byte[] END_OK = {0, '0'};
  static final byte[] END_FAILED = {0, '1'};

  private final SocketChannel channel;
  private final CommandProcessor processor;
  private final Consumer<ConsoleConnection> ended;
  private final BiConsumer<String, Exception> failed;
  private final Thread thread;

  ConsoleConnection(
      SocketChannel channel,
      CommandProcessor processor,
      BiConsumer<String, Exception> failed,
      Consumer<ConsoleConnection> ended) {
    this.channel = channel;
    this.failed = failed;
    this.processor = processor;
    this.ended = ended;
    this.thread = new Thread(this::serve, "dmagent-console-client");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  static void refuse(SocketChannel channel, String why) throws IOException {
    try (channel) {
      OutputStream out = Channels.newOutputStream(channel);
      out.write((why + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(END_FAILED);
    }
  }

  private void serve() {
    InputStream in = Channels.newInputStream(channel);
    OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(channel));
    PrintStream out = new PrintStream(raw, false, StandardCharsets.UTF_8);
    BoundedLines lines = new BoundedLines(in);
    try (ConsoleSession console =
        new ConsoleSession(processor, InputStream.nullInputStream(), out, failed)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        boolean ok;
        if (line.equals(BoundedLines.TOO_LONG)) {
          out.println("console: line longer than " + BoundedLines.MAX_LINE + " characters ignored");
          ok = false;
        } else {
          ok = console.run(line);
        }
        out.flush();
        raw.write(ok ? END_OK : END_FAILED);
        raw.flush();
      }
    } catch (IOException e) {
      // The client went away: its session ends with it.
    } finally {
      close();
      ended.accept(this);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket the client closed already.
    }
  }
}
