package io.dmagent.pushwap;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushReceiver;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/**
 * One UDP socket and the one thread that reads it: each datagram is decoded as a WSP push and its
 * body handed to the {@link PushReceiver}; anything else is dropped with a line in the {@link
 * RefusalLog}. A datagram has no answer, so the receiver's verdict is only the receiver's to log.
 */
final class WapPushListener implements AutoCloseable {
  static final String BINDING = "wap";

  /** Larger than any UDP payload (65,507 octets over IPv4): a datagram is never cut. */
  private static final int BUFFER = 65_536;

  /** While idle the thread wakes this often to write the refusal log's summaries. */
  private static final int IDLE_MILLIS = 1_000;

  /**
   * Room for a burst while the thread waits for a core: a flood of small datagrams costs the kernel
   * about a kilobyte each, so this holds a few hundred milliseconds of 10,000 a second (Linux
   * grants at most net.core.rmem_max).
   */
  private static final int SOCKET_BUFFER = 4 << 20;

  private final DatagramSocket socket;
  private final PushReceiver receiver;
  private final RefusalLog refusals;
  private final Consumer<String> error;
  private final Thread thread;
  private final String endpoint;
  private volatile boolean open = true;

  private WapPushListener(
      DatagramSocket socket, PushReceiver receiver, RefusalLog refusals, Consumer<String> error) {
    this.socket = socket;
    this.receiver = receiver;
    this.refusals = refusals;
    this.error = error;
    this.endpoint =
        "udp://" + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    this.thread = new Thread(this::serve, "dm-push-wap " + endpoint());
    thread.setDaemon(true);
  }

  /** Binds the socket (failing if the port is taken) and starts the receive thread. */
  static WapPushListener open(
      InetSocketAddress at, PushReceiver receiver, RefusalLog refusals, Consumer<String> error)
      throws SocketException {
    DatagramSocket socket = new DatagramSocket(null);
    try {
      socket.setReceiveBufferSize(SOCKET_BUFFER);
      socket.bind(at);
      socket.setSoTimeout(IDLE_MILLIS);
    } catch (SocketException e) {
      socket.close();
      throw e;
    }
    WapPushListener listener = new WapPushListener(socket, receiver, refusals, error);
    listener.thread.start();
    return listener;
  }

  /** Where it listens: {@code udp://127.0.0.1:2948}. */
  String endpoint() {
    return endpoint;
  }

  private void serve() {
    DatagramPacket packet = new DatagramPacket(new byte[BUFFER], BUFFER);
    while (open) {
      try {
        packet.setLength(BUFFER);
        socket.receive(packet);
        take(packet);
      } catch (SocketTimeoutException idle) {
        refusals.flush();
      } catch (IOException e) {
        if (open) {
          error.accept("WAP push socket " + endpoint() + " failed, listening on: " + e);
        }
      } catch (RuntimeException e) {
        // A fault of the receiver (or a bug here), not of the sender: one line, then the next one.
        error.accept("WAP push datagram not handled, listening on: " + e.getClass().getName());
      }
    }
  }

  private void take(DatagramPacket packet) {
    WspPush push;
    try {
      push = WspPushDecoder.decode(packet.getData(), packet.getLength());
    } catch (MalformedPushException e) {
      refusals.refuse(
          packet.getAddress().getHostAddress(),
          () -> "WAP push from " + origin(packet) + " dropped: " + e.getMessage());
      return;
    }
    int max = receiver.maxMessageSize();
    if (push.body().length > max) {
      refusals.refuse(
          packet.getAddress().getHostAddress(),
          () ->
              "WAP push from "
                  + origin(packet)
                  + " dropped: a body of "
                  + push.body().length
                  + " octets is larger than the "
                  + max
                  + " the receiver takes");
      return;
    }
    receiver.receive(
        new PushMessage(BINDING, push.mimeType(), push.body(), "udp:" + origin(packet)));
  }

  /** The sender, built only for a line or a push: a flood's refusals are mostly counted only. */
  private static String origin(DatagramPacket packet) {
    return packet.getAddress().getHostAddress() + ":" + packet.getPort();
  }

  /** Stops the thread and closes the socket: the port is free when this returns. */
  @Override
  public void close() {
    open = false;
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refusals.flushAll();
  }
}
