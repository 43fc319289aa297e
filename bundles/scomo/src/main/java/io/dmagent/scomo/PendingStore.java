package io.dmagent.scomo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps the one {@link PendingUpdate} in the bundle's data area, durably, so that an update
 * interrupted by a restart is finished or rolled back when the agent comes back.
 */
final class PendingStore {
  private final Path file;

  PendingStore(Path folder) {
    this.file = folder.resolve("pending-update.properties");
  }

  Optional<PendingUpdate> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = DurableFile.read(file);
    List<PendingUpdate.Change> changes = new ArrayList<>();
    for (int i = 0; p.containsKey("change." + i + ".bsn"); i++) {
      String prefix = "change." + i + ".";
      String previous = p.getProperty(prefix + "previous", "");
      changes.add(
          new PendingUpdate.Change(
              p.getProperty(prefix + "bsn"),
              p.getProperty(prefix + "location"),
              previous.isEmpty() ? Optional.empty() : Optional.of(Path.of(previous)),
              Boolean.parseBoolean(p.getProperty(prefix + "active"))));
    }
    String correlator = p.getProperty("correlator", "");
    return Optional.of(
        new PendingUpdate(
            p.getProperty("component"),
            changes,
            p.getProperty("server"),
            correlator.isEmpty() ? Optional.empty() : Optional.of(correlator),
            p.getProperty("source"),
            Instant.parse(p.getProperty("deadline")),
            PendingUpdate.Phase.valueOf(p.getProperty("phase"))));
  }

  void write(PendingUpdate u) throws IOException {
    Properties p = new Properties();
    p.setProperty("component", u.component());
    p.setProperty("server", u.serverId());
    p.setProperty("correlator", u.correlator().orElse(""));
    p.setProperty("source", u.source());
    p.setProperty("deadline", u.deadline().toString());
    p.setProperty("phase", u.phase().name());
    for (int i = 0; i < u.changes().size(); i++) {
      PendingUpdate.Change c = u.changes().get(i);
      String prefix = "change." + i + ".";
      p.setProperty(prefix + "bsn", c.symbolicName());
      p.setProperty(prefix + "location", c.location());
      p.setProperty(prefix + "previous", c.previousJar().map(Path::toString).orElse(""));
      p.setProperty(prefix + "active", Boolean.toString(c.wasActive()));
    }
    DurableFile.write(file, p);
  }

  void clear() throws IOException {
    Files.deleteIfExists(file);
  }
}
