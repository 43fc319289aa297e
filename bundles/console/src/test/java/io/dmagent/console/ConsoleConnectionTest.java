package io.dmagent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket console's protocol over a real Unix-domain socket and Gogo's real processor. */
class ConsoleConnectionTest {
  @TempDir Path dir;
  private final TestCommands.Gogo gogo = TestCommands.Gogo.start();

  @AfterEach
  void stop() {
    gogo.close();
  }

  /** One answer: what the agent printed and whether the command succeeded. */
  private record Answer(String text, boolean ok) {}

  private static Answer send(SocketChannel client, String line) throws IOException {
    OutputStream out = Channels.newOutputStream(client);
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = Channels.newInputStream(client);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int b = in.read(); b != 0; b = in.read()) {
      assertThat(b).as("connection closed before the end of the answer").isNotEqualTo(-1);
      text.write(b);
    }
    return new Answer(text.toString(StandardCharsets.UTF_8), in.read() == '0');
  }

  @Test
  void the_socket_is_replaced_if_stale_and_only_its_owner_may_open_it() throws Exception {
    Path socket = dir.resolve(SocketConsole.SOCKET);
    Files.writeString(socket, "left by a crashed agent");

    try (ServerSocketChannel server = SocketConsole.listen(socket)) {
      assertThat(Files.getPosixFilePermissions(socket))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.isRegularFile(socket)).isFalse();
    }
  }

  @Test
  void each_line_is_answered_with_its_output_and_whether_it_succeeded() throws Exception {
    Path socket = dir.resolve(SocketConsole.SOCKET);
    CountDownLatch ended = new CountDownLatch(1);
    try (ServerSocketChannel server = SocketConsole.listen(socket);
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      client.connect(UnixDomainSocketAddress.of(socket));
      new ConsoleConnection(
              server.accept(),
              gogo.processor(),
              (command, e) -> {},
              connection -> ended.countDown())
          .start();

      assertThat(send(client, "t:set a 1")).isEqualTo(new Answer("added a\n", true));
      assertThat(send(client, "t:get a")).isEqualTo(new Answer("1\n", true));
      assertThat(send(client, "t:get b")).isEqualTo(new Answer("error 404: b not found\n", false));
      assertThat(send(client, "x".repeat(BoundedLines.MAX_LINE + 1)))
          .isEqualTo(
              new Answer(
                  "console: line longer than " + BoundedLines.MAX_LINE + " characters ignored\n",
                  false));
      assertThat(send(client, "t:get a")).isEqualTo(new Answer("1\n", true));

      client.shutdownOutput();
      assertThat(ended.await(10, TimeUnit.SECONDS)).as("the session ends with the client").isTrue();
    }
  }
}
