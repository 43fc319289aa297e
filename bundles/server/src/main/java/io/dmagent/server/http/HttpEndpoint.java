package io.dmagent.server.http;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.log.WireText;
import io.dmagent.server.http.RequestReader.BadRequest;
import io.dmagent.server.http.RequestReader.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server for DM messages: POST with a Content-Length body, kept-alive connections,
 * TCP_NODELAY on every socket, every length a client controls bounded. Written here rather than
 * taken from the JDK ({@code com.sun.net.httpserver} leaves Nagle on unless a JVM-wide property is
 * set, and is not exported by Felix's system bundle) or from Jetty (a dozen bundles for one POST).
 *
 * <p>One thread a connection, from a bounded pool. What a client may hold is bounded by {@link
 * EndpointLimits}: connections per address, a deadline for the handshake and each request head and
 * body (a client dribbling bytes is cut off), and the body bytes held at once. A connection beyond
 * the bounds is refused in the protocol the port speaks ({@link ServerChannels#refusal()}).
 * Refusals are logged through a {@link RefusalLog}, summarised per client address.
 */
public final class HttpEndpoint implements AutoCloseable {
  /** The phase of a kept-alive connection between requests: its end is no refusal. */
  private static final String IDLE = "the wait for the next request";

  /** Refusals waiting to be written; beyond this a connection to refuse is simply closed. */
  private static final int REFUSALS_QUEUED = 16;

  private final ServerSocket listener;
  private final Function<HttpCall, HttpAnswer> handler;
  private final ServerChannels channels;
  private final Consumer<String> warn;
  private final RefusalLog refusals;
  private final EndpointLimits limits;
  private final RequestReader reader;
  private final AddressQuota quota;
  private final BodyBudget budget;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor refuser;
  private final ScheduledThreadPoolExecutor timer;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds and starts accepting plain HTTP with the default bounds.
   *
   * @param maxBody the largest request body read; a larger one is answered 413 unread
   * @param idleMillis how long a kept-alive connection may sit idle before it is closed
   * @param maxConnections connections served at once
   */
  public HttpEndpoint(
      InetSocketAddress bind,
      int maxBody,
      int idleMillis,
      int maxConnections,
      Function<HttpCall, HttpAnswer> handler,
      Consumer<String> warn)
      throws IOException {
    this(bind, maxBody, idleMillis, maxConnections, ServerChannels.plain(), handler, warn);
  }

  /** Binds and starts accepting connections that speak {@code channels}, default bounds. */
  public HttpEndpoint(
      InetSocketAddress bind,
      int maxBody,
      int idleMillis,
      int maxConnections,
      ServerChannels channels,
      Function<HttpCall, HttpAnswer> handler,
      Consumer<String> warn)
      throws IOException {
    this(
        bind,
        EndpointLimits.defaults(maxBody)
            .withIdle(Duration.ofMillis(idleMillis))
            .withMaxConnections(maxConnections),
        channels,
        handler,
        warn,
        RefusalLog.standard(warn, Clock.systemUTC()));
  }

  /**
   * Binds and starts accepting connections that speak {@code channels} within {@code limits};
   * refusals go to {@code refusals}, everything else an operator should see to {@code warn}.
   */
  public HttpEndpoint(
      InetSocketAddress bind,
      EndpointLimits limits,
      ServerChannels channels,
      Function<HttpCall, HttpAnswer> handler,
      Consumer<String> warn,
      RefusalLog refusals)
      throws IOException {
    this.handler = handler;
    this.channels = channels;
    this.warn = warn;
    this.refusals = refusals;
    this.limits = limits;
    this.reader = new RequestReader(limits.maxBody());
    this.quota = new AddressQuota(limits.maxPerAddress());
    this.budget = new BodyBudget(limits.maxBuffered());
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(bind, 128);
    int port = listener.getLocalPort();
    this.workers =
        new ThreadPoolExecutor(
            0,
            limits.maxConnections(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads("dm-server-http-" + port + "-"));
    this.refuser =
        new ThreadPoolExecutor(
            0,
            1,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(REFUSALS_QUEUED),
            threads("dm-server-refuse-" + port + "-"));
    this.timer = new ScheduledThreadPoolExecutor(1, threads("dm-server-deadlines-" + port + "-"));
    timer.setRemoveOnCancelPolicy(true);
    long window = refusals.window().toMillis();
    timer.scheduleWithFixedDelay(refusals::flush, window, window, TimeUnit.MILLISECONDS);
    this.acceptor = new Thread(this::acceptLoop, "dm-server-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The port bound (useful when 0 asked for any free one). */
  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          warn.accept("HTTP endpoint stopped accepting: " + e.getMessage());
        }
        return;
      }
      InetAddress client = socket.getInetAddress();
      if (!quota.enter(client)) {
        refuse(socket, client, "more than " + limits.maxPerAddress() + " connections from it");
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
        open.add(socket);
        workers.execute(() -> serve(socket, client));
      } catch (RejectedExecutionException | IOException e) {
        open.remove(socket);
        quota.leave(client);
        refuse(socket, client, "all " + limits.maxConnections() + " connections busy");
      }
    }
  }

  /** Refuses a connection off the acceptor's thread, so that refusing cannot stall accepting. */
  private void refuse(Socket socket, InetAddress client, String why) {
    String address = client.getHostAddress();
    refusals.refuse(address, () -> "connection from " + address + " refused: " + why);
    try {
      refuser.execute(() -> writeRefusal(socket));
    } catch (RejectedExecutionException e) {
      closeQuietly(socket);
    }
  }

  private void writeRefusal(Socket socket) {
    try (socket) {
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write(channels.refusal());
      out.flush();
      lingerForTheAlert(socket, 500);
    } catch (IOException ignored) {
      // The client is gone already.
    }
  }

  private void serve(Socket socket, InetAddress client) {
    String address = client.getHostAddress();
    ConnectionDeadline deadline = new ConnectionDeadline(timer, socket);
    try (socket) {
      socket.setSoTimeout((int) limits.idle().toMillis());
      deadline.arm(
          limits.headDeadline(),
          channels.scheme().equals("http")
              ? "the request head"
              : "the TLS handshake and the request head");
      ServerChannels.Streams streams;
      try {
        streams = channels.open(socket);
      } catch (IOException e) {
        if (!closed) {
          String why = deadline.expired().map(p -> "not done within the deadline").orElse(null);
          refusals.refuse(
              address,
              () ->
                  "TLS handshake with "
                      + address
                      + " failed: "
                      + (why != null ? why : WireText.escape(channels.failure(e), 300)));
          if (why == null) {
            lingerForTheAlert(socket, 1_000);
          }
        }
        return;
      }
      converse(streams, deadline, address);
    } catch (SocketTimeoutException | SocketException e) {
      // Idle keep-alive connection timed out, or the client closed it; or a deadline passed.
      deadline
          .expired()
          .filter(phase -> !phase.equals(IDLE))
          .ifPresent(
              phase ->
                  refusals.refuse(
                      address,
                      () ->
                          "connection from "
                              + address
                              + " closed: "
                              + phase
                              + " not complete in time"));
    } catch (IOException e) {
      if (!closed) {
        warn.accept(
            "HTTP connection from " + address + " failed: " + WireText.quote(e.getMessage()));
      }
    } finally {
      deadline.disarm();
      open.remove(socket);
      quota.leave(client);
    }
  }

  /** The requests of one connection, each with its deadlines and its share of memory. */
  private void converse(ServerChannels.Streams streams, ConnectionDeadline deadline, String address)
      throws IOException {
    InputStream in = new BufferedInputStream(streams.in());
    OutputStream out = new BufferedOutputStream(streams.out());
    boolean first = true;
    while (!closed) {
      if (!first) {
        deadline.arm(limits.idle(), IDLE);
      }
      BodyBudget.Lease[] lease = {null};
      boolean firstRequest = first;
      first = false;
      try {
        Request request;
        try {
          request =
              reader.read(
                  in,
                  out,
                  address,
                  new RequestReader.Phases() {
                    @Override
                    public void headStarted() {
                      if (!firstRequest) {
                        deadline.arm(limits.headDeadline(), "the request head");
                      }
                    }

                    @Override
                    public void bodyStarted(long length) throws IOException {
                      lease[0] = takeBudget(length);
                      deadline.arm(limits.bodyDeadline(length), "the request body");
                    }
                  });
        } catch (BadRequest e) {
          refusals.refuse(
              address, () -> "HTTP request from " + address + " refused: " + e.getMessage());
          writeAnswer(out, HttpAnswer.text(e.status, e.getMessage()), false);
          return;
        }
        if (request == null) {
          return;
        }
        deadline.disarm();
        HttpAnswer answer;
        try {
          answer = handler.apply(request.call());
        } catch (RuntimeException e) {
          warn.accept(
              "HTTP request " + request.call() + " failed: " + WireText.quote(e.toString(), 300));
          answer = HttpAnswer.text(500, "internal error");
        }
        writeAnswer(out, answer, request.keepAlive());
        if (!request.keepAlive()) {
          return;
        }
      } finally {
        if (lease[0] != null) {
          lease[0].close();
        }
      }
    }
  }

  private BodyBudget.Lease takeBudget(long length) throws BadRequest {
    try {
      BodyBudget.Lease lease = budget.take(length, Duration.ofSeconds(2));
      if (lease == null) {
        throw new BadRequest(503, "the server holds as many messages as it may; try later");
      }
      return lease;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BadRequest(503, "the server is stopping");
    }
  }

  /**
   * After a refusal or a failed handshake the alert is on its way to the client; closing at once
   * while the client still writes its flight would reset the connection and lose the alert, leaving
   * the client a bare "broken pipe" instead of the reason.
   */
  private static void lingerForTheAlert(Socket socket, int millis) {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(millis);
      socket.getInputStream().skip(64 * 1024);
    } catch (IOException ignored) {
      // The client is gone: nothing to wait for.
    }
  }

  private static void writeAnswer(OutputStream out, HttpAnswer answer, boolean keepAlive)
      throws IOException {
    StringBuilder head = new StringBuilder(200);
    head.append("HTTP/1.1 ")
        .append(answer.status())
        .append(' ')
        .append(reason(answer.status()))
        .append("\r\n");
    head.append("Content-Type: ").append(answer.contentType()).append("\r\n");
    head.append("Content-Length: ").append(answer.body().length).append("\r\n");
    // DM messages are never to be cached or rewritten by a proxy (WBXML would break).
    head.append("Cache-Control: no-store, no-transform, private\r\n");
    answer.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (answer.status() == 405) {
      head.append("Allow: POST\r\n");
    }
    if (answer.status() == 503) {
      head.append("Retry-After: 10\r\n");
    }
    head.append(keepAlive ? "" : "Connection: close\r\n").append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(answer.body());
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 411 -> "Length Required";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Server Error" : "Status";
    };
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Already gone.
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    open.forEach(HttpEndpoint::closeQuietly);
    workers.shutdownNow();
    refuser.shutdownNow();
    timer.shutdownNow();
    try {
      acceptor.join(2_000);
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refusals.flushAll();
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Closing a listener that failed is all there is to do.
    }
  }
}
