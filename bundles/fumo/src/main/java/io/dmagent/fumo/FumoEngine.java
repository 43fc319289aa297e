package io.dmagent.fumo;

import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadRequest;
import io.dmagent.api.download.Downloads;
import io.dmagent.api.log.WireText;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.fumo.FumoStore.Pending;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * FUMO's state machine: downloads (state 30, then 40 or 20), verifies the signer, installs the
 * package beside the running version and asks {@code bin/dmagent} to try it (60), restarts when the
 * server's session ended; in the new version, confirms it once the agent is ready and completed a
 * session with that server (100), or, back in the old one after a rollback, reports 410 (80). Each
 * operation ends with one Generic Alert carrying the Exec's Correlator.
 */
final class FumoEngine {
  static final String DOWNLOAD_ID = "fumo";
  static final NodeUri ROOT = NodeUri.of("./FUMO");

  private final Downloads downloads;
  private final AlertService alerts;
  private final ManagementSessions sessions;
  private final FumoStore store;
  private final VersionFolders versions;
  private final PackageInstaller installer;
  private final Path config;
  private final String running;
  private final Settings settings;
  private final Runnable restart;
  private final BooleanSupplier ready;
  private final Executor executor;
  private final Log log;
  private volatile boolean awaitingConfirmation;

  /** The configured bounds and times. */
  record Settings(long maxBytes, int trialSeconds, int restartAfterSessionSeconds) {}

  /** Where the engine's lines go. */
  interface Log {
    void info(String line);

    void warn(String line);
  }

  /** The agent's surroundings: where it keeps things and which version runs. */
  record Place(FumoStore store, VersionFolders versions, Path config, String running) {}

  FumoEngine(
      Downloads downloads,
      AlertService alerts,
      ManagementSessions sessions,
      Place place,
      Settings settings,
      Runnable restart,
      BooleanSupplier ready,
      Executor executor,
      Log log) {
    this.downloads = downloads;
    this.alerts = alerts;
    this.sessions = sessions;
    this.store = place.store();
    this.versions = place.versions();
    this.installer = new PackageInstaller(place.versions(), 4 * settings.maxBytes());
    this.config = place.config();
    this.running = place.running();
    this.settings = settings;
    this.restart = restart;
    this.ready = ready;
    this.executor = executor;
    this.log = log;
  }

  FumoState state() {
    return store.state();
  }

  String reason() {
    return store.reason();
  }

  String running() {
    return running;
  }

  /** Runs an Exec: accepted (202) and reported later, or refused now. */
  void exec(Operation operation, String url, String serverId, Optional<String> correlator)
      throws DmException {
    FumoState state = store.state();
    if (state.busy()) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "a firmware " + state + " is under way");
    }
    if (operation == Operation.UPDATE
        && state != FumoState.DOWNLOAD_COMPLETE
        && state != FumoState.READY_TO_UPDATE) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "no downloaded package: Exec Download first");
    }
    Pending pending = new Pending(operation, serverId, correlator, url, "");
    log.info(
        "FUMO: "
            + operation.node
            + " for "
            + serverId
            + " of "
            + WireText.quote(withoutUserInfo(url)));
    persist(
        operation.downloads() ? FumoState.DOWNLOAD_PROGRESSING : FumoState.UPDATE_PROGRESSING,
        "",
        Optional.of(pending));
    fetch(pending);
  }

  /** After a start: goes on with what the last run left, or reports how the update ended. */
  void resume() {
    Optional<Pending> pending = store.pending();
    if (pending.isEmpty()) {
      return;
    }
    Pending p = pending.get();
    FumoState state = store.state();
    if (state == FumoState.DOWNLOAD_PROGRESSING) {
      log.info("FUMO: resuming the download for " + p.serverId());
      fetch(p);
    } else if (state == FumoState.UPDATE_PROGRESSING || state == FumoState.READY_TO_UPDATE) {
      resumeUpdate(p);
    }
  }

  private void resumeUpdate(Pending p) {
    if (p.version().isEmpty()) {
      fail(
          p,
          FumoState.UPDATE_FAILED_HAVE_DATA,
          ResultCode.UPDATE_FAILED,
          "interrupted by a restart before the new version was installed");
    } else if (p.version().equals(running) && versions.onTrial(running)) {
      awaitingConfirmation = true;
      log.info(
          "FUMO: version "
              + running
              + " on trial: confirmed once ready and a session with "
              + p.serverId()
              + " completed");
      sessions.start(SessionRequest.clientInitiated(p.serverId()));
    } else if (p.version().equals(running)) {
      succeed(p);
    } else {
      Optional<VersionFolders.Rollback> rollback =
          versions.rollback().filter(r -> r.version().equals(p.version()));
      if (rollback.isPresent()) {
        fail(
            p,
            FumoState.UPDATE_FAILED_NO_DATA,
            ResultCode.UPDATE_FAILED,
            "version " + p.version() + " rolled back: " + rollback.get().reason());
        clearRollback();
      } else if (versions.trial().filter(p.version()::equals).isPresent()) {
        restartWhenSessionEnded(p);
      } else {
        fail(
            p,
            FumoState.UPDATE_FAILED_NO_DATA,
            ResultCode.UPDATE_FAILED,
            "version " + p.version() + " is not running and not on trial");
      }
    }
  }

  /** A session ended: confirms the version on trial when it was the awaited one. */
  void sessionEnded(SessionReport report) {
    Optional<Pending> pending = store.pending();
    if (!awaitingConfirmation
        || pending.isEmpty()
        || report.outcome() != SessionOutcome.COMPLETED
        || !report.serverId().equals(pending.get().serverId())
        || !ready.getAsBoolean()) {
      return;
    }
    awaitingConfirmation = false;
    executor.execute(() -> confirm(pending.get()));
  }

  private void confirm(Pending p) {
    try {
      versions.confirm(running);
      log.info(
          "FUMO: version "
              + running
              + " confirmed: ready and a session with "
              + p.serverId()
              + " completed");
      succeed(p);
    } catch (IOException e) {
      log.warn("FUMO: cannot confirm version " + running + ": " + e);
    }
  }

  private void fetch(Pending p) {
    URI source;
    try {
      source = URI.create(p.url().trim());
      if (!"http".equals(source.getScheme()) && !"https".equals(source.getScheme())) {
        throw new IllegalArgumentException("scheme");
      }
    } catch (IllegalArgumentException e) {
      fail(p, FumoState.DOWNLOAD_FAILED, ResultCode.BAD_URL, "PkgURL is not an http(s) URL");
      return;
    }
    downloads
        .start(new DownloadRequest(DOWNLOAD_ID, source, settings.maxBytes(), Optional.empty()))
        .done()
        .whenComplete(
            (file, error) ->
                executor.execute(
                    () -> {
                      if (error != null) {
                        downloadFailed(p, error);
                      } else {
                        downloaded(p, file);
                      }
                    }));
  }

  private void downloadFailed(Pending p, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof DownloadException e) {
      FumoState state =
          p.operation().downloads() ? FumoState.DOWNLOAD_FAILED : FumoState.UPDATE_FAILED_NO_DATA;
      fail(p, state, ResultCode.of(e.failure()), "download failed: " + e.getMessage());
    } else {
      fail(p, FumoState.DOWNLOAD_FAILED, ResultCode.NETWORK, "download failed: " + cause);
    }
  }

  private void downloaded(Pending p, Path file) {
    try {
      String signer = downloads.verifySigner(file).orElse("nobody (unsigned packages allowed)");
      log.info("FUMO: package verified, signed by " + signer);
    } catch (DownloadException e) {
      downloads.discard(DOWNLOAD_ID);
      FumoState state =
          p.operation().downloads() ? FumoState.DOWNLOAD_FAILED : FumoState.UPDATE_FAILED_NO_DATA;
      fail(p, state, ResultCode.FAILED_VALIDATION, "package refused: " + e.getMessage());
      return;
    }
    if (p.operation() == Operation.DOWNLOAD) {
      persist(FumoState.DOWNLOAD_COMPLETE, "", Optional.empty());
      report(p, ResultCode.SUCCESSFUL);
    } else {
      install(p, file);
    }
  }

  private void install(Pending p, Path file) {
    try {
      persist(FumoState.UPDATE_PROGRESSING, "", Optional.of(p));
      String version = installer.install(file, running);
      List<String> notAdded = new ArrayList<>();
      List<Path> added =
          ConfigDefaults.addMissing(versions.of(version).resolve("config"), config, notAdded);
      if (!added.isEmpty()) {
        log.info("FUMO: new default configuration added: " + added);
      }
      if (!notAdded.isEmpty()) {
        log.warn("FUMO: config/ not writable, new default configuration not added: " + notAdded);
      }
      versions.startTrial(version, settings.trialSeconds());
      Pending installed = p.withVersion(version);
      persist(FumoState.UPDATE_PROGRESSING, "", Optional.of(installed));
      downloads.discard(DOWNLOAD_ID);
      log.info(
          "FUMO: version "
              + version
              + " installed beside "
              + running
              + "; restarting into it once the session with "
              + p.serverId()
              + " ended");
      restartWhenSessionEnded(installed);
    } catch (FumoFailure f) {
      fail(p, FumoState.UPDATE_FAILED_HAVE_DATA, f.resultCode(), f.getMessage());
    } catch (IOException e) {
      fail(p, FumoState.UPDATE_FAILED_HAVE_DATA, ResultCode.UPDATE_FAILED, "cannot install: " + e);
    }
  }

  private void restartWhenSessionEnded(Pending p) {
    executor.execute(
        () -> {
          long end = System.nanoTime() + settings.restartAfterSessionSeconds() * 1_000_000_000L;
          try {
            while (sessions.inSession(p.serverId()) && System.nanoTime() < end) {
              Thread.sleep(100);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          log.info("FUMO: restarting into version " + p.version());
          restart.run();
        });
  }

  private void succeed(Pending p) {
    persist(FumoState.UPDATE_SUCCESSFUL_NO_DATA, "", Optional.empty());
    report(p, ResultCode.SUCCESSFUL);
  }

  private void fail(Pending p, FumoState state, int code, String reason) {
    log.warn("FUMO: " + p.operation().node + " failed (" + code + "): " + reason);
    persist(state, reason, Optional.empty());
    report(p, code);
  }

  private void report(Pending p, int code) {
    GenericAlert alert =
        new GenericAlert(
            p.operation().alertType,
            NodeFormat.INT,
            code == ResultCode.SUCCESSFUL ? AlertMark.INFORMATIONAL : AlertMark.CRITICAL,
            Optional.of(NodeUri.of(ROOT + "/" + p.operation().node)),
            Integer.toString(code).getBytes(StandardCharsets.US_ASCII),
            p.correlator());
    try {
      alerts.queue(alert, Optional.of(p.serverId()));
    } catch (DmException e) {
      log.warn("FUMO: result " + code + " for " + p.serverId() + " not queued: " + e.getMessage());
    }
  }

  private void persist(FumoState state, String reason, Optional<Pending> pending) {
    try {
      store.update(state, reason, pending);
    } catch (IOException e) {
      log.warn("FUMO: state " + state.code + " not saved: " + e);
    }
  }

  private void clearRollback() {
    try {
      versions.clearRollback();
    } catch (IOException e) {
      log.warn("FUMO: rollback note not cleared: " + e);
    }
  }

  /** User info of a URL may hold a password: logs never show it. */
  static String withoutUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@');
    int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
    if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
      return url;
    }
    return url.substring(0, scheme + 3) + url.substring(at + 1);
  }
}
