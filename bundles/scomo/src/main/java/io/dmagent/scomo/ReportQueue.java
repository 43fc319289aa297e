package io.dmagent.scomo;

import io.dmagent.api.session.AlertService;
import io.dmagent.api.tree.DmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reports waiting for the alert service, kept in the data area: the service belongs to the protocol
 * bundle, which SCOMO may be updating or rolling back at that very moment. Each report is handed to
 * the service (which keeps it in the outbox until the server acknowledged it) and then deleted
 * here; a crash between the two sends it twice at most.
 */
final class ReportQueue {
  private final Path folder;
  private final Consumer<String> warn;
  private final AtomicLong sequence = new AtomicLong();

  ReportQueue(Path folder, Consumer<String> warn) {
    this.folder = folder;
    this.warn = warn;
  }

  void add(Report r) throws IOException {
    Properties p = new Properties();
    p.setProperty("server", r.serverId());
    p.setProperty("correlator", r.correlator().orElse(""));
    p.setProperty("source", r.source());
    p.setProperty("code", r.code().name());
    p.setProperty("identifier", r.identifier());
    p.setProperty("reason", r.reason());
    String name =
        String.format("%020d-%06d.report", System.currentTimeMillis(), sequence.incrementAndGet());
    DurableFile.write(folder.resolve(name), p);
  }

  /** Hands every waiting report to {@code alerts}, in order; stops at the first it refuses. */
  synchronized void flush(AlertService alerts) {
    for (Path file : waiting()) {
      try {
        Report r = read(file);
        alerts.queue(r.alert(), Optional.of(r.serverId()));
        Files.delete(file);
      } catch (DmException e) {
        warn.accept("the SCOMO report " + file.getFileName() + " waits: " + e.getMessage());
        return;
      } catch (IOException | RuntimeException e) {
        warn.accept("dropping the unreadable SCOMO report " + file.getFileName() + ": " + e);
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          return;
        }
      }
    }
  }

  List<Path> waiting() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return new ArrayList<>(
          files.filter(f -> f.getFileName().toString().endsWith(".report")).sorted().toList());
    } catch (IOException e) {
      warn.accept("cannot list the SCOMO reports in " + folder + ": " + e.getMessage());
      return List.of();
    }
  }

  private static Report read(Path file) throws IOException {
    Properties p = DurableFile.read(file);
    String correlator = p.getProperty("correlator", "");
    return new Report(
        p.getProperty("server"),
        correlator.isEmpty() ? Optional.empty() : Optional.of(correlator),
        p.getProperty("source"),
        ResultCode.valueOf(p.getProperty("code")),
        p.getProperty("identifier"),
        p.getProperty("reason", ""));
  }
}
