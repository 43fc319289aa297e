package io.dmagent.download;

import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP GET of a download: asks for the bytes after those of the part (Range, with If-Range
 * naming the validator the server gave before), appends what comes, and tells whether the part is
 * now whole.
 */
final class Attempt {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int CHUNK = 64 * 1024;

  private final HttpClient client;
  private final URI source;
  private final PartFile files;
  private final long maxBytes;
  private final Duration idleTimeout;
  private volatile InputStream body;

  Attempt(HttpClient client, URI source, PartFile files, long maxBytes, Duration idleTimeout) {
    this.client = client;
    this.source = source;
    this.files = files;
    this.maxBytes = maxBytes;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Runs the GET; returns once the part holds the whole content.
   *
   * @param announced told the size the server announced, when it does
   * @param received told the count of bytes in the part after every chunk
   * @throws Retry when another attempt may succeed
   * @throws InterruptedException when cancelled or idle too long
   */
  void run(LongConsumer announced, LongConsumer received)
      throws Retry, DownloadException, InterruptedException {
    try {
      PartFile.Meta meta = files.resume(source);
      long have = files.partSize();
      HttpResponse<InputStream> response = client.send(request(meta, have), bodyAsStream());
      try (InputStream in = response.body()) {
        body = in;
        receive(response, in, meta, have, announced, received);
      } finally {
        body = null;
      }
    } catch (IOException e) {
      throw new Retry("connection failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Ends a blocked read of the body: the client's stream ignores interrupts, closing it wakes the
   * reader once it is interrupted too.
   */
  void abort() {
    InputStream in = body;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Closing is all we can do; the reader fails either way.
      }
    }
  }

  private HttpRequest request(PartFile.Meta meta, long have) {
    HttpRequest.Builder b = HttpRequest.newBuilder(source).GET().timeout(idleTimeout);
    if (have > 0) {
      b.header("Range", "bytes=" + have + "-");
      meta.validator().ifPresent(v -> b.header("If-Range", v));
    }
    return b.build();
  }

  private static HttpResponse.BodyHandler<InputStream> bodyAsStream() {
    return HttpResponse.BodyHandlers.ofInputStream();
  }

  private void receive(
      HttpResponse<InputStream> response,
      InputStream body,
      PartFile.Meta meta,
      long have,
      LongConsumer announced,
      LongConsumer received)
      throws IOException, Retry, DownloadException {
    int status = response.statusCode();
    long start;
    OptionalLong total;
    if (status == 206) {
      Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
      if (!m.matches() || Long.parseLong(m.group(1)) != have) {
        files.truncatePart();
        throw new Retry("range answer does not continue the part: starting over");
      }
      start = have;
      total = m.group(3).equals("*") ? meta.total() : OptionalLong.of(Long.parseLong(m.group(3)));
    } else if (status == 200) {
      files.truncatePart();
      start = 0;
      total = response.headers().firstValueAsLong("Content-Length");
    } else if (status == 416 && have > 0 && meta.total().orElse(-1) == have) {
      return;
    } else if (status == 416) {
      files.truncatePart();
      throw new Retry("range not satisfiable: starting over");
    } else {
      refuse(status);
      return;
    }
    checkRoom(total, start);
    total.ifPresent(announced);
    files.save(source, new PartFile.Meta(validator(response), total));
    long count = copy(body, start, received);
    if (total.isPresent() && count < total.getAsLong()) {
      throw new Retry("connection dropped after " + count + " of " + total.getAsLong() + " bytes");
    }
  }

  private long copy(InputStream body, long start, LongConsumer received)
      throws IOException, DownloadException {
    long count = start;
    try (OutputStream out =
        Files.newOutputStream(files.part(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      byte[] buffer = new byte[CHUNK];
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        count += n;
        if (count > maxBytes) {
          throw new DownloadException(
              DownloadFailure.TOO_LARGE, "more than the bound of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
        received.accept(count);
      }
    }
    return count;
  }

  private void checkRoom(OptionalLong total, long start) throws IOException, DownloadException {
    if (total.isEmpty()) {
      return;
    }
    long size = total.getAsLong();
    if (size > maxBytes) {
      throw new DownloadException(
          DownloadFailure.TOO_LARGE,
          "the package has " + size + " bytes, the bound is " + maxBytes);
    }
    long free = Files.getFileStore(files.part().getParent()).getUsableSpace();
    if (size - start > free) {
      throw new DownloadException(
          DownloadFailure.TOO_LARGE,
          "the package needs " + (size - start) + " more bytes, " + free + " are free");
    }
  }

  private static Optional<String> validator(HttpResponse<?> response) {
    Optional<String> etag = response.headers().firstValue("ETag");
    return etag.filter(e -> !e.startsWith("W/"))
        .or(() -> response.headers().firstValue("Last-Modified"));
  }

  /** Always throws: a retry for a server's trouble, the failure for a refusal. */
  private static void refuse(int status) throws Retry, DownloadException {
    if (status >= 500 || status == 408 || status == 429) {
      throw new Retry("server answered " + status);
    }
    if (status == 401 || status == 403 || status == 407) {
      throw new DownloadException(DownloadFailure.NOT_AUTHORIZED, "server answered " + status);
    }
    throw new DownloadException(DownloadFailure.NOT_FOUND, "server answered " + status);
  }
}
