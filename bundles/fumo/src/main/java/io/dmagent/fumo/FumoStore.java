package io.dmagent.fumo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * FUMO's state in {@code data/fumo/state.properties}, shared by every installed version: the State,
 * the reason of the last failure, and the operation a server asked for that has not reported yet
 * (its alert type, server, Correlator and, once installed, the version it installs).
 */
final class FumoStore {
  private final Path file;
  private FumoState state = FumoState.IDLE;
  private String reason = "";
  private Optional<Pending> pending = Optional.empty();

  /** An operation that will report by Generic Alert. */
  record Pending(
      Operation operation,
      String serverId,
      Optional<String> correlator,
      String url,
      String version) {
    Pending withVersion(String installed) {
      return new Pending(operation, serverId, correlator, url, installed);
    }
  }

  private FumoStore(Path file) {
    this.file = file;
  }

  static FumoStore open(Path file) throws IOException {
    FumoStore store = new FumoStore(file);
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      store.state = FumoState.of(Integer.parseInt(p.getProperty("state", "10")));
      store.reason = p.getProperty("reason", "");
      String op = p.getProperty("operation");
      if (op != null) {
        store.pending =
            Optional.of(
                new Pending(
                    Operation.valueOf(op),
                    p.getProperty("server"),
                    Optional.ofNullable(p.getProperty("correlator")),
                    p.getProperty("url", ""),
                    p.getProperty("version", "")));
      }
    }
    return store;
  }

  synchronized FumoState state() {
    return state;
  }

  synchronized String reason() {
    return reason;
  }

  synchronized Optional<Pending> pending() {
    return pending;
  }

  synchronized void update(FumoState newState, String newReason, Optional<Pending> newPending)
      throws IOException {
    state = newState;
    reason = newReason;
    pending = newPending;
    save();
  }

  synchronized void state(FumoState newState) throws IOException {
    update(newState, reason, pending);
  }

  private void save() throws IOException {
    Properties p = new Properties();
    p.setProperty("state", Integer.toString(state.code));
    p.setProperty("reason", reason);
    pending.ifPresent(
        q -> {
          p.setProperty("operation", q.operation().name());
          p.setProperty("server", q.serverId());
          q.correlator().ifPresent(c -> p.setProperty("correlator", c));
          p.setProperty("url", q.url());
          p.setProperty("version", q.version());
        });
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, null);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
