package io.dmagent.sessionless;

import io.dmagent.api.log.WireText;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.report.ReportChannel;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Delivers the outbox's sessionless reports, on the thread that runs it: per destination, oldest
 * first, up to {@code maxBatch} Alerts in one message (an outcome alone), over the channel of the
 * report address's scheme. Entries are acknowledged in the outbox only after the channel said the
 * receiver has them; a failed delivery is retried, the same entries with the same ids, after an
 * exponential back-off of that destination. A new report wakes it at once.
 */
final class ReportSender implements Runnable {
  /** How long it sleeps with nothing to do and nothing to wake it (a report wakes it anyway). */
  private static final long IDLE_MILLIS = 60_000;

  private final Outbox outbox;
  private final MessageCodec codec;
  private final ReportMessages messages;
  private final Function<String, Optional<URI>> addresses;
  private final Function<String, Optional<ReportChannel>> channels;
  private final int maxBatch;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Consumer<String> log;
  private final LongSupplier clock;
  private final Map<String, Backoff> backoffs = new HashMap<>();
  private final Map<String, Long> retryAt = new HashMap<>();
  private final Object lock = new Object();
  private boolean woken;
  private volatile boolean stopped;

  ReportSender(
      Outbox outbox,
      MessageCodec codec,
      ReportMessages messages,
      Function<String, Optional<URI>> addresses,
      Function<String, Optional<ReportChannel>> channels,
      int maxBatch,
      Duration firstBackoff,
      Duration maxBackoff,
      LongSupplier clock,
      Consumer<String> log) {
    this.outbox = outbox;
    this.codec = codec;
    this.messages = messages;
    this.addresses = addresses;
    this.channels = channels;
    this.maxBatch = Math.max(1, maxBatch);
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.clock = clock;
    this.log = log;
  }

  /** Something new to deliver, or a channel came: look now. */
  void wake() {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  void stop() {
    stopped = true;
    wake();
  }

  @Override
  public void run() {
    while (!stopped) {
      long sleep = round();
      synchronized (lock) {
        if (!woken && !stopped && sleep > 0) {
          try {
            lock.wait(sleep);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        woken = false;
      }
    }
  }

  /** Delivers what it can now; returns how long until a destination may be tried again. */
  long round() {
    List<OutboxEntry> pending;
    try {
      pending = outbox.pending(Reporter.TOPIC);
    } catch (OutboxException e) {
      log.accept("sessionless reports: outbox unreadable: " + e.getMessage());
      return maxBackoff.toMillis();
    }
    Map<String, Deque<OutboxEntry>> byServer = new LinkedHashMap<>();
    for (OutboxEntry e : pending) {
      byServer.computeIfAbsent(e.destination(), d -> new ArrayDeque<>()).add(e);
    }
    long next = IDLE_MILLIS;
    long now = clock.getAsLong();
    for (Map.Entry<String, Deque<OutboxEntry>> e : byServer.entrySet()) {
      Long at = retryAt.get(e.getKey());
      if (at != null && at > now) {
        next = Math.min(next, at - now);
        continue;
      }
      while (!e.getValue().isEmpty() && !stopped) {
        Optional<Duration> wait = deliverNext(e.getKey(), e.getValue());
        if (wait.isPresent()) {
          next = Math.min(next, wait.get().toMillis());
          break;
        }
      }
    }
    return next;
  }

  /**
   * Delivers the next batch of {@code server}'s queue; empty when done, else the back-off before
   * the next attempt.
   */
  private Optional<Duration> deliverNext(String server, Deque<OutboxEntry> queue) {
    List<OutboxEntry> batch = new ArrayList<>();
    List<StoredReport> reports = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < maxBatch) {
      OutboxEntry entry = queue.peek();
      StoredReport report;
      try {
        report = StoredReport.decode(codec, entry.payload());
      } catch (MessageFormatException e) {
        queue.poll();
        drop(entry);
        continue;
      }
      boolean alone = !report.batchable();
      if (alone && !batch.isEmpty()) {
        break;
      }
      queue.poll();
      batch.add(entry);
      reports.add(report);
      if (alone) {
        break;
      }
    }
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    try {
      deliver(server, batch, reports);
    } catch (IOException e) {
      return Optional.of(failed(server, batch.size(), e));
    }
    try {
      outbox.acknowledge(Reporter.TOPIC, batch.stream().map(OutboxEntry::id).toList());
    } catch (OutboxException e) {
      // Delivered: the receiver drops the duplicates by id when they come again.
      log.accept("sessionless reports delivered but not acknowledged: " + e.getMessage());
    }
    backoffs.remove(server);
    retryAt.remove(server);
    return Optional.empty();
  }

  private void deliver(String server, List<OutboxEntry> batch, List<StoredReport> reports)
      throws IOException {
    URI address = addresses.apply(server).orElseThrow(() -> new IOException("no report address"));
    String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
    ReportChannel channel =
        channels
            .apply(scheme)
            .orElseThrow(() -> new IOException("no report channel for " + scheme + ":"));
    ReportMessages.Built built =
        messages.build(server, reports, batch.stream().map(OutboxEntry::id).toList());
    channel.deliver(address, built.contentType(), built.envelope());
  }

  private Duration failed(String server, int reports, IOException e) {
    Duration wait =
        backoffs.computeIfAbsent(server, s -> new Backoff(firstBackoff, maxBackoff)).failed();
    retryAt.put(server, clock.getAsLong() + wait.toMillis());
    log.accept(
        reports
            + " sessionless report(s) for "
            + WireText.quote(server)
            + " not delivered ("
            + WireText.escape(String.valueOf(e.getMessage()), 200)
            + "): again in "
            + wait.toMillis()
            + " ms");
    return wait;
  }

  /** A stored report that is not one can never be delivered: dropped, so it blocks nothing. */
  private void drop(OutboxEntry entry) {
    log.accept("sessionless report " + entry.id() + " unreadable in the outbox: dropped");
    try {
      outbox.acknowledge(Reporter.TOPIC, List.of(entry.id()));
    } catch (OutboxException e) {
      log.accept("sessionless report " + entry.id() + " not dropped: " + e.getMessage());
    }
  }
}
