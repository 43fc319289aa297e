package io.dmagent.fumo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.download.Download;
import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadFailure;
import io.dmagent.api.download.DownloadRequest;
import io.dmagent.api.download.Downloads;
import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FUMO's state machine on real folders and package files; the download service answers from files
 * the test put in place (its own HTTP behaviour is tested in the download bundle, the whole path in
 * the distribution's FumoIT).
 */
class FumoEngineTest {
  private static final String SERVER = "acme-dm";
  private static final Optional<String> CORRELATOR = Optional.of("corr-7");

  @TempDir Path dir;
  private final Map<String, Path> served = new LinkedHashMap<>();
  private final Map<String, DownloadFailure> failing = new LinkedHashMap<>();
  private final List<GenericAlert> alerts = new CopyOnWriteArrayList<>();
  private final List<SessionRequest> sessionsStarted = new CopyOnWriteArrayList<>();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AtomicInteger restarts = new AtomicInteger();
  private final AtomicBoolean signed = new AtomicBoolean(true);
  private final AtomicBoolean discarded = new AtomicBoolean();
  private VersionFolders versions;
  private Path config;

  @BeforeEach
  void folders() throws IOException {
    versions = new VersionFolders(dir.resolve("data/versions"));
    config = Files.createDirectories(dir.resolve("config"));
  }

  private FumoEngine engine(String running) throws IOException {
    return new FumoEngine(
        downloads(),
        alerts(),
        sessions(),
        new FumoEngine.Place(
            FumoStore.open(dir.resolve("data/fumo/state.properties")), versions, config, running),
        new FumoEngine.Settings(10_000_000, 60, 0),
        restarts::incrementAndGet,
        () -> true,
        Runnable::run,
        new FumoEngine.Log() {
          @Override
          public void info(String line) {
            lines.add(line);
          }

          @Override
          public void warn(String line) {
            lines.add(line);
          }
        });
  }

  @Test
  void download_reports_200_with_the_correlator_and_leaves_state_40() throws Exception {
    served.put("http://h/fw.jar", distribution("2.0"));
    FumoEngine fumo = engine("1.0");

    fumo.exec(Operation.DOWNLOAD, "http://h/fw.jar", SERVER, CORRELATOR);

    assertThat(fumo.state()).isEqualTo(FumoState.DOWNLOAD_COMPLETE);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo("org.openmobilealliance.dm.firmwareupdate.download");
              assertThat(a.correlator()).isEqualTo(CORRELATOR);
              assertThat(new String(a.data(), StandardCharsets.US_ASCII)).isEqualTo("200");
              assertThat(a.source().orElseThrow()).hasToString("./FUMO/Download");
            });
  }

  @Test
  void failed_downloads_report_fumo_result_codes_and_state_20() throws Exception {
    failing.put("http://h/missing.jar", DownloadFailure.NOT_FOUND);
    failing.put("http://h/slow.jar", DownloadFailure.NETWORK);
    failing.put("http://h/bad.jar", DownloadFailure.DIGEST_MISMATCH);
    FumoEngine fumo = engine("1.0");
    for (String url : failing.keySet()) {
      fumo.exec(Operation.DOWNLOAD, url, SERVER, CORRELATOR);
      assertThat(fumo.state()).isEqualTo(FumoState.DOWNLOAD_FAILED);
    }
    fumo.exec(Operation.DOWNLOAD, "ftp://h/fw.jar", SERVER, CORRELATOR);

    assertThat(alerts)
        .extracting(a -> new String(a.data(), StandardCharsets.US_ASCII))
        .containsExactly("411", "503", "402", "411");
    assertThat(fumo.reason()).contains("not an http(s) URL");
  }

  @Test
  void package_of_an_untrusted_signer_is_refused_with_404_and_deleted() throws Exception {
    served.put("http://h/fw.jar", distribution("2.0"));
    signed.set(false);
    FumoEngine fumo = engine("1.0");

    fumo.exec(Operation.DOWNLOAD_AND_UPDATE, "http://h/fw.jar", SERVER, CORRELATOR);

    assertThat(code(alerts.get(0))).isEqualTo("404");
    assertThat(fumo.state()).isEqualTo(FumoState.DOWNLOAD_FAILED);
    assertThat(discarded).isTrue();
    assertThat(versions.of("2.0")).doesNotExist();
    assertThat(restarts).hasValue(0);
  }

  @Test
  void update_installs_beside_the_running_version_asks_for_a_trial_and_restarts() throws Exception {
    served.put("http://h/fw.jar", distribution("2.0"));
    Files.writeString(config.resolve("io.dmagent.protocol.cfg"), "operator=kept\n");
    FumoEngine fumo = engine("1.0");

    fumo.exec(Operation.DOWNLOAD_AND_UPDATE, "http://h/fw.jar", SERVER, CORRELATOR);

    assertThat(fumo.state()).isEqualTo(FumoState.UPDATE_PROGRESSING);
    assertThat(versions.of("2.0").resolve("lib/felix.jar")).exists();
    assertThat(versions.of("2.0").resolve("bin/dmagent")).isExecutable();
    assertThat(versions.trial()).contains("2.0");
    assertThat(restarts).hasValue(1);
    assertThat(alerts).isEmpty();
    // The operator's file stays; the new version's new default is added.
    assertThat(config.resolve("io.dmagent.protocol.cfg")).content().isEqualTo("operator=kept\n");
    assertThat(config.resolve("io.dmagent.fumo.cfg")).content().isEqualTo("new=default\n");
  }

  @Test
  void the_version_on_trial_is_confirmed_after_a_completed_session_and_reports_200()
      throws Exception {
    served.put("http://h/fw.jar", distribution("2.0"));
    engine("1.0").exec(Operation.DOWNLOAD_AND_UPDATE, "http://h/fw.jar", SERVER, CORRELATOR);
    Files.writeString(versions.folder().resolve("trial.started"), ""); // bin/dmagent started it

    FumoEngine next = engine("2.0");
    next.resume();
    assertThat(sessionsStarted).extracting(SessionRequest::serverId).containsExactly(SERVER);
    next.sessionEnded(report(SessionOutcome.FAILED));
    assertThat(versions.current()).isEmpty();
    next.sessionEnded(report(SessionOutcome.COMPLETED));

    assertThat(versions.current()).contains("2.0");
    assertThat(versions.previous()).contains(VersionFolders.FACTORY);
    assertThat(versions.trial()).isEmpty();
    assertThat(next.state()).isEqualTo(FumoState.UPDATE_SUCCESSFUL_NO_DATA);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type())
                  .isEqualTo("org.openmobilealliance.dm.firmwareupdate.downloadandupdate");
              assertThat(code(a)).isEqualTo("200");
              assertThat(a.correlator()).isEqualTo(CORRELATOR);
            });
  }

  @Test
  void a_rollback_is_reported_as_410_with_its_reason_in_the_old_version() throws Exception {
    served.put("http://h/fw.jar", distribution("2.0"));
    engine("1.0").exec(Operation.DOWNLOAD_AND_UPDATE, "http://h/fw.jar", SERVER, CORRELATOR);
    Files.delete(versions.folder().resolve("trial"));
    Files.writeString(
        versions.folder().resolve("rollback"), "version=2.0\nreason=not confirmed within 60 s\n");

    FumoEngine back = engine("1.0");
    back.resume();

    assertThat(back.state()).isEqualTo(FumoState.UPDATE_FAILED_NO_DATA);
    assertThat(back.reason()).isEqualTo("version 2.0 rolled back: not confirmed within 60 s");
    assertThat(alerts).extracting(FumoEngineTest::code).containsExactly("410");
    assertThat(versions.rollback()).isEmpty();
  }

  @Test
  void packages_that_are_no_distribution_or_the_running_one_are_refused() throws Exception {
    served.put("http://h/same.jar", distribution("1.0"));
    served.put("http://h/other.jar", zip(Map.of("RELEASE", "version=3.0\n")));
    served.put("http://h/escape.jar", zip(Map.of("RELEASE", "version=4.0\n", "../../x", "x")));
    FumoEngine fumo = engine("1.0");

    for (String url : served.keySet()) {
      fumo.exec(Operation.DOWNLOAD_AND_UPDATE, url, SERVER, CORRELATOR);
      assertThat(fumo.state()).isEqualTo(FumoState.UPDATE_FAILED_HAVE_DATA);
    }

    assertThat(alerts).extracting(FumoEngineTest::code).containsExactly("405", "403", "402");
    assertThat(dir.resolve("x")).doesNotExist();
    assertThat(versions.trial()).isEmpty();
    assertThat(restarts).hasValue(0);
  }

  @Test
  void update_needs_a_downloaded_package_and_no_operation_runs_twice() throws Exception {
    FumoEngine fumo = engine("1.0");
    assertThatThrownBy(() -> fumo.exec(Operation.UPDATE, "http://h/fw.jar", SERVER, CORRELATOR))
        .isInstanceOf(DmException.class)
        .extracting(e -> ((DmException) e).status())
        .isEqualTo(StatusCode.COMMAND_NOT_ALLOWED);

    served.put("http://h/fw.jar", distribution("2.0"));
    fumo.exec(Operation.DOWNLOAD_AND_UPDATE, "http://h/fw.jar", SERVER, CORRELATOR);
    assertThatThrownBy(() -> fumo.exec(Operation.DOWNLOAD, "http://h/fw.jar", SERVER, CORRELATOR))
        .extracting(e -> ((DmException) e).status())
        .isEqualTo(StatusCode.COMMAND_NOT_ALLOWED);
  }

  @Test
  void user_info_of_a_package_url_is_not_logged() {
    assertThat(FumoEngine.withoutUserInfo("https://ops:s3cret@h/fw.jar"))
        .isEqualTo("https://h/fw.jar");
    assertThat(FumoEngine.withoutUserInfo("https://h/a@b")).isEqualTo("https://h/a@b");
  }

  private static String code(GenericAlert a) {
    return new String(a.data(), StandardCharsets.US_ASCII);
  }

  private static SessionReport report(SessionOutcome outcome) {
    return new SessionReport(SERVER, "1", 3, 1, outcome, Optional.empty(), Duration.ofMillis(5));
  }

  private Path distribution(String version) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
    entries.put("RELEASE", "version=" + version + "\n");
    entries.put("bin/dmagent", "#!/bin/sh\n");
    entries.put("lib/dmagent-launcher.jar", "launcher");
    entries.put("lib/felix.jar", "felix");
    entries.put("system/features.xml", "<features/>");
    entries.put("config/io.dmagent.protocol.cfg", "factory=default\n");
    entries.put("config/io.dmagent.fumo.cfg", "new=default\n");
    return zip(entries);
  }

  private Path zip(Map<String, String> entries) throws IOException {
    Path file = Files.createTempFile(dir, "pkg", ".jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return file;
  }

  private Downloads downloads() {
    return new Downloads() {
      @Override
      public Download start(DownloadRequest request) {
        String url = request.source().toString();
        CompletableFuture<Path> done = new CompletableFuture<>();
        if (failing.containsKey(url)) {
          done.completeExceptionally(new DownloadException(failing.get(url), "failed"));
        } else {
          done.complete(served.get(url));
        }
        return new Download() {
          @Override
          public String id() {
            return request.id();
          }

          @Override
          public long received() {
            return 0;
          }

          @Override
          public OptionalLong total() {
            return OptionalLong.empty();
          }

          @Override
          public CompletionStage<Path> done() {
            return done;
          }

          @Override
          public void cancel() {}
        };
      }

      @Override
      public Optional<Download> find(String id) {
        return Optional.empty();
      }

      @Override
      public void discard(String id) {
        discarded.set(true);
      }

      @Override
      public Optional<String> verifySigner(Path jar) throws DownloadException {
        if (!signed.get()) {
          throw new DownloadException(DownloadFailure.BAD_SIGNATURE, "foreign signer");
        }
        return Optional.of("CN=release");
      }
    };
  }

  private AlertService alerts() {
    return new AlertService() {
      @Override
      public String queue(GenericAlert alert, Optional<String> serverId) {
        alerts.add(alert);
        return "a" + alerts.size();
      }

      @Override
      public String queueClientEvent(GenericAlert event, Optional<String> serverId) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private ManagementSessions sessions() {
    return new ManagementSessions() {
      @Override
      public CompletionStage<SessionReport> start(SessionRequest request) {
        sessionsStarted.add(request);
        return new CompletableFuture<>();
      }

      @Override
      public boolean inSession(String serverId) {
        return false;
      }
    };
  }
}
