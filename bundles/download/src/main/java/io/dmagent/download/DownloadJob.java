package io.dmagent.download;

import io.dmagent.api.download.Download;
import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadFailure;
import io.dmagent.api.download.DownloadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One download: attempts until the part is whole (pausing between them as {@link Backoff} says),
 * then checks the digest and hands out the file. Runs on its own thread; cancelling interrupts it,
 * and so does the service's watchdog when no byte came for the idle timeout (that attempt is then
 * retried).
 */
final class DownloadJob implements Download, Runnable {
  private final DownloadRequest request;
  private final PartFile files;
  private final HttpClient client;
  private final Limits limits;
  private final DownloadLog log;
  private final CompletableFuture<Path> done = new CompletableFuture<>();
  private final Progress progress;
  private volatile long received;
  private volatile long total = -1;
  private volatile long lastByteNanos = System.nanoTime();
  private volatile boolean cancelled;
  private volatile boolean pausing;
  private volatile Thread worker;
  private volatile Attempt attempt;

  DownloadJob(
      DownloadRequest request, PartFile files, HttpClient client, Limits limits, DownloadLog log) {
    this.request = request;
    this.files = files;
    this.client = client;
    this.limits = limits;
    this.log = log;
    this.progress = new Progress(request.id(), log::info);
    this.received = files.partSize();
  }

  @Override
  public String id() {
    return request.id();
  }

  @Override
  public long received() {
    return received;
  }

  @Override
  public OptionalLong total() {
    long t = total;
    return t < 0 ? OptionalLong.empty() : OptionalLong.of(t);
  }

  @Override
  public CompletionStage<Path> done() {
    return done.minimalCompletionStage();
  }

  boolean isDone() {
    return done.isDone();
  }

  boolean succeeded() {
    return done.isDone() && !done.isCompletedExceptionally();
  }

  @Override
  public void cancel() {
    cancelled = true;
    abort();
  }

  private void abort() {
    Attempt a = attempt;
    if (a != null) {
      a.abort();
    }
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Interrupts the attempt when no byte came for the idle timeout; the attempt is retried. */
  void checkIdle(long nowNanos) {
    Thread t = worker;
    if (t != null && !pausing && nowNanos - lastByteNanos > limits.idleTimeout().toNanos()) {
      lastByteNanos = nowNanos;
      abort();
    }
  }

  @Override
  public void run() {
    worker = Thread.currentThread();
    try {
      Path file = Files.exists(files.file()) ? files.file() : fetch();
      checkDigest(file);
      log.info("download " + id() + ": complete, " + Files.size(file) + " bytes");
      done.complete(file);
    } catch (DownloadException e) {
      log.warn("download " + id() + " failed (" + e.failure() + "): " + e.getMessage());
      done.completeExceptionally(e);
    } catch (IOException | RuntimeException e) {
      log.warn("download " + id() + " failed (NETWORK): " + e);
      done.completeExceptionally(
          new DownloadException(DownloadFailure.NETWORK, "local file error: " + e.getMessage()));
    } finally {
      worker = null;
      Thread.interrupted();
    }
  }

  private Path fetch() throws DownloadException, IOException {
    attempt =
        new Attempt(
            client,
            request.source(),
            files,
            Math.min(request.maxBytes(), limits.maxBytes()),
            limits.idleTimeout());
    for (int n = 0; ; n++) {
      checkCancelled();
      try {
        lastByteNanos = System.nanoTime();
        attempt.run(t -> total = t, this::receivedSoFar);
        return files.complete();
      } catch (Retry e) {
        retryOrFail(n, e.getMessage());
      } catch (InterruptedException e) {
        checkCancelled();
        retryOrFail(n, "no byte for " + limits.idleTimeout().toSeconds() + " s");
      }
    }
  }

  private void retryOrFail(int failed, String reason) throws DownloadException {
    checkCancelled();
    if (failed >= limits.retries()) {
      throw new DownloadException(
          DownloadFailure.NETWORK, reason + " (" + (failed + 1) + " attempts)");
    }
    long pause = limits.backoff().pauseMillis(failed + 1);
    log.info(
        "download " + id() + ": " + reason + "; attempt " + (failed + 2) + " in " + pause + " ms");
    pausing = true;
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      checkCancelled();
    } finally {
      pausing = false;
    }
  }

  private void checkCancelled() throws DownloadException {
    if (cancelled) {
      throw new DownloadException(
          DownloadFailure.CANCELLED, "cancelled after " + received + " bytes (part kept)");
    }
  }

  private void receivedSoFar(long count) {
    received = count;
    lastByteNanos = System.nanoTime();
    progress.update(count, total);
  }

  private void checkDigest(Path file) throws DownloadException, IOException {
    if (request.sha256().isEmpty()) {
      return;
    }
    String expected = request.sha256().get().trim().toLowerCase(Locale.ROOT);
    String actual = sha256(file);
    if (!actual.equals(expected)) {
      files.delete();
      throw new DownloadException(
          DownloadFailure.DIGEST_MISMATCH,
          "SHA-256 is " + actual + ", the server gave " + expected + " (download deleted)");
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
