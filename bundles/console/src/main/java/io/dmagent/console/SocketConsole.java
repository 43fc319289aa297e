package io.dmagent.console;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The console {@code bin/dmagent client} attaches to: a Unix-domain socket {@value #SOCKET} in the
 * data folder, which only the agent's user can open (the folder is 700 and the socket 600; no
 * network port, no password). Each connection is a console of its own ({@link ConsoleConnection});
 * at most {@value #MAX_CLIENTS} at a time.
 */
@Component(
    service = {},
    immediate = true)
public final class SocketConsole {
  static final String SOCKET = "console.sock";
  static final int MAX_CLIENTS = 4;

  private final CommandProcessor processor;
  private final Logger log;
  private final Path socket;
  private final ServerSocketChannel server;
  private final Set<ConsoleConnection> clients = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  @Activate
  public SocketConsole(
      @Reference CommandProcessor processor,
      @Reference(service = LoggerFactory.class) Logger log,
      BundleContext context)
      throws IOException {
    this.processor = processor;
    this.log = log;
    String data = context.getProperty("dmagent.data");
    this.socket = (data != null ? Path.of(data) : context.getDataFile("").toPath()).resolve(SOCKET);
    this.server = listen(socket);
    this.acceptor = new Thread(this::accept, "dmagent-console-socket");
    acceptor.setDaemon(true);
    acceptor.start();
    log.info("console on {} (bin/dmagent client)", socket);
  }

  /** Binds the socket, replacing one a crashed agent left; owner-only before any client comes. */
  static ServerSocketChannel listen(Path socket) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket), MAX_CLIENTS);
      if (Files.getFileStore(socket.getParent())
          .supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      }
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel channel = server.accept();
        if (clients.size() >= MAX_CLIENTS) {
          ConsoleConnection.refuse(
              channel, "console busy: " + MAX_CLIENTS + " clients attached already");
          continue;
        }
        ConsoleConnection client =
            new ConsoleConnection(
                channel,
                processor,
                (command, e) -> log.debug("console command {} failed", command, e),
                clients::remove);
        clients.add(client);
        client.start();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.warn("console socket: {}", e.getMessage());
      }
    }
  }

  @Deactivate
  void stop() throws IOException {
    server.close();
    clients.forEach(ConsoleConnection::close);
    Files.deleteIfExists(socket);
  }
}
