package io.dmagent.server.packages;

import io.dmagent.api.log.WireText;
import io.dmagent.server.http.ServerChannels;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the files of one folder at {@code /packages/<name>} over HTTP/1.1 (GET and HEAD), on plain
 * HTTP or, with the reference server's TLS channel, on HTTPS (the same handler either way), the
 * packages a test script names in SCOMO's PkgURL: {@code Range: bytes=N-} (or {@code N-M}) is
 * answered 206, {@code If-Range} with the file's ETag, and, for the resume tests, the first
 * download after {@link #dropOnce} ends with the connection closed after that many bytes. One
 * request per connection; a test and demo tool, kept on the loopback.
 */
public final class PackageServer implements AutoCloseable {
  public static final String PATH = "/packages/";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");
  private static final int MAX_HEAD = 8192;
  private static final int TIMEOUT_MS = 10_000;

  private final Path folder;
  private final ServerChannels channels;
  private final Consumer<String> log;
  private final ServerSocket listener;
  private final ExecutorService workers;
  private final Thread acceptor;
  private final AtomicBoolean dropArmed = new AtomicBoolean();
  private volatile long dropAfter;
  private volatile boolean closed;

  /** Plain HTTP. */
  public PackageServer(InetSocketAddress bind, Path folder, Consumer<String> log)
      throws IOException {
    this(bind, folder, ServerChannels.plain(), log);
  }

  /** Over {@code channels}: plain HTTP, or HTTPS with the server's certificate. */
  public PackageServer(
      InetSocketAddress bind, Path folder, ServerChannels channels, Consumer<String> log)
      throws IOException {
    this.folder = folder;
    this.channels = channels;
    this.log = log;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(bind, 32);
    this.workers =
        new ThreadPoolExecutor(
            0,
            8,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> new Thread(r, "dm-server-packages-" + listener.getLocalPort()));
    this.acceptor =
        new Thread(this::accept, "dm-server-packages-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Where a file of the folder is served. */
  public URI uri(String name) {
    return URI.create(channels.scheme() + "://127.0.0.1:" + listener.getLocalPort() + PATH + name);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * The next download of a whole file or a range ends after {@code bytes}: a dropped connection.
   */
  public void dropOnce(long bytes) {
    dropAfter = bytes;
    dropArmed.set(bytes > 0);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = listener.accept();
        try {
          workers.execute(() -> serve(s));
        } catch (java.util.concurrent.RejectedExecutionException busy) {
          s.close();
        }
      } catch (IOException e) {
        if (!closed) {
          log.accept("package server: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(TIMEOUT_MS);
      ServerChannels.Streams streams = open(s);
      if (streams == null) {
        return;
      }
      InputStream in = new BufferedInputStream(streams.in());
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] request = lines[0].split(" ");
      OutputStream out = streams.out();
      if (request.length != 3 || !(request[0].equals("GET") || request[0].equals("HEAD"))) {
        answer(out, "405 Method Not Allowed", "");
        return;
      }
      String name = request[1].startsWith(PATH) ? request[1].substring(PATH.length()) : "";
      Path file = NAME.matcher(name).matches() ? folder.resolve(name) : null;
      if (file == null || !Files.isRegularFile(file)) {
        answer(out, "404 Not Found", "");
        log.accept("package server: no package " + WireText.quote(request[1]));
        return;
      }
      send(out, file, request[0].equals("HEAD"), header(lines, "range"), header(lines, "if-range"));
    } catch (IOException e) {
      // The client went away, or we dropped the connection on purpose.
    }
  }

  /** The connection's streams after the handshake; null (and one line) when it failed. */
  private ServerChannels.Streams open(Socket s) {
    try {
      return channels.open(s);
    } catch (IOException e) {
      log.accept("package server: handshake failed: " + channels.failure(e));
      return null;
    }
  }

  private void send(
      OutputStream out,
      Path file,
      boolean headOnly,
      Optional<String> range,
      Optional<String> ifRange)
      throws IOException {
    long size = Files.size(file);
    String etag = "\"" + size + "-" + Files.getLastModifiedTime(file).toMillis() + "\"";
    long from = 0;
    long to = size - 1;
    boolean partial = false;
    if (range.isPresent() && (ifRange.isEmpty() || ifRange.get().equals(etag))) {
      Matcher m = RANGE.matcher(range.get().trim());
      if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
        answer(out, "416 Range Not Satisfiable", "Content-Range: bytes */" + size + "\r\n");
        return;
      }
      from = Long.parseLong(m.group(1));
      to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
      partial = true;
    }
    long length = to - from + 1;
    String headers =
        (partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n")
            + "Content-Type: application/java-archive\r\n"
            + "Content-Length: "
            + length
            + "\r\n"
            + "Accept-Ranges: bytes\r\n"
            + "ETag: "
            + etag
            + "\r\n"
            + (partial ? "Content-Range: bytes " + from + "-" + to + "/" + size + "\r\n" : "")
            + "Connection: close\r\n\r\n";
    out.write(headers.getBytes(StandardCharsets.US_ASCII));
    if (headOnly) {
      out.flush();
      return;
    }
    long limit = dropArmed.compareAndSet(true, false) ? Math.min(length, dropAfter) : length;
    try (InputStream body = Files.newInputStream(file)) {
      body.skipNBytes(from);
      byte[] buffer = new byte[8192];
      long left = limit;
      while (left > 0) {
        int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    out.flush();
    if (limit < length) {
      log.accept(
          "package server: dropped the connection after "
              + limit
              + " of "
              + length
              + " bytes of "
              + file.getFileName()
              + ", as asked");
    }
  }

  private static void answer(OutputStream out, String status, String headers) throws IOException {
    out.write(
        ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      head.append((char) c);
      if (head.length() > MAX_HEAD) {
        throw new IOException("request head too long");
      }
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        return head.toString();
      }
    }
    throw new IOException("connection closed in the request head");
  }

  private static Optional<String> header(String[] lines, String name) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
        return Optional.of(lines[i].substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    workers.shutdownNow();
  }
}
