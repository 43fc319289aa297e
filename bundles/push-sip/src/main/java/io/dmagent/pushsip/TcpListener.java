package io.dmagent.pushsip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The TCP side: one thread accepts, one thread per connection reads its requests ({@link
 * TcpConnection}); at most {@code maxConnections} are open, a connection beyond them is closed at
 * once with one log line. Closing closes every connection.
 */
final class TcpListener implements AutoCloseable {
  private final ServerSocket server;
  private final TcpConnection.Factory connections;
  private final Semaphore slots;
  private final Consumer<String> log;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  TcpListener(
      InetSocketAddress address,
      TcpConnection.Factory connections,
      int maxConnections,
      Consumer<String> log)
      throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true); // a restarted binding binds again while old sockets linger
    server.bind(address, 50);
    this.connections = connections;
    this.slots = new Semaphore(Math.max(1, maxConnections));
    this.log = log;
    this.acceptor = new Thread(this::accept, "dm-push-sip-tcp-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String endpoint() {
    return "tcp://" + server.getInetAddress().getHostAddress() + ":" + port();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        if (!slots.tryAcquire()) {
          log.accept(
              "SIP over TCP: connection from "
                  + socket.getRemoteSocketAddress()
                  + " closed: all connections in use");
          socket.close();
          continue;
        }
        open.add(socket);
        Thread reader = new Thread(() -> serve(socket), "dm-push-sip-tcp-connection");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.accept("SIP over TCP: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      connections.open(socket).serve();
    } catch (IOException e) {
      // the peer went away or the listener closed the socket: nothing to answer
    } finally {
      open.remove(socket);
      slots.release();
    }
  }

  /** Closes the server socket (the port is free at once) and every open connection. */
  @Override
  public void close() throws InterruptedException {
    try {
      server.close();
    } catch (IOException e) {
      log.accept("SIP over TCP: closing: " + e.getMessage());
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    acceptor.join(5_000);
  }
}
