package io.dmagent.download;

import io.dmagent.api.download.Download;
import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadRequest;
import io.dmagent.api.download.Downloads;
import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.TrustAnchor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link Downloads} service: one {@link DownloadJob} per id on its own thread, a watchdog for
 * idle connections, the {@link SignerCheck} of the configured trust store, and the {@link TlsTrust}
 * of https downloads. Wiring only.
 */
@Component(service = Downloads.class, configurationPid = DownloadConfig.PID, immediate = true)
@Designate(ocd = DownloadConfig.class)
public final class DownloadService implements Downloads {
  private final Path folder;
  private final Limits limits;
  private final SignerCheck signers;
  private final DownloadLog log;
  private final TlsTrust tls;
  private final ExecutorService workers;
  private final ScheduledExecutorService watchdog;
  private final Map<String, DownloadJob> jobs = new ConcurrentHashMap<>();

  @Activate
  public DownloadService(
      BundleContext context,
      DownloadConfig config,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(folder(context, config), home(context), config, lines(log));
  }

  DownloadService(Path folder, Path home, DownloadConfig config, DownloadLog log) {
    this.folder = folder;
    this.limits = Limits.of(config);
    this.log = log;
    this.signers = new SignerCheck(anchors(home, config, log), config.allowUnsigned());
    this.tls =
        new TlsTrust(
            config.tlsTrustStore().isBlank()
                ? Optional.empty()
                : Optional.of(home.resolve(config.tlsTrustStore().trim())),
            config.tlsTrustStorePassword().toCharArray(),
            limits.idleTimeout(),
            log);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(r -> daemon(r, "dmagent-download-" + n.incrementAndGet()));
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dmagent-download-watchdog"));
    long period = Math.max(100, limits.idleTimeout().toMillis() / 4);
    watchdog.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
  }

  private static DownloadLog lines(Logger log) {
    return new DownloadLog() {
      @Override
      public void info(String line) {
        log.info(line);
      }

      @Override
      public void warn(String line) {
        log.warn(line);
      }
    };
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static Path folder(BundleContext context, DownloadConfig config) {
    if (!config.folder().isBlank()) {
      return Path.of(config.folder().trim());
    }
    String data = context.getProperty("dmagent.data");
    return data != null ? Path.of(data, "downloads") : context.getDataFile("downloads").toPath();
  }

  private static Path home(BundleContext context) {
    return Path.of(Optional.ofNullable(context.getProperty("dmagent.home")).orElse("."));
  }

  private static Set<TrustAnchor> anchors(Path home, DownloadConfig config, DownloadLog log) {
    if (config.trustStore().isBlank()) {
      return Set.of();
    }
    Path file = home.resolve(config.trustStore().trim());
    try {
      Set<TrustAnchor> anchors = TrustStore.load(file, config.trustStorePassword().toCharArray());
      if (anchors.isEmpty()) {
        log.warn("downloads: no trust anchors in " + file + ": every signed jar is refused");
      }
      return anchors;
    } catch (IOException | GeneralSecurityException e) {
      log.warn(
          "downloads: trust store "
              + file
              + " unreadable ("
              + e.getClass().getSimpleName()
              + "): every signed jar is refused");
      return Set.of();
    }
  }

  @Override
  public Download start(DownloadRequest request) {
    return jobs.compute(
        request.id(),
        (id, running) -> {
          if (running != null && (!running.isDone() || running.succeeded())) {
            return running;
          }
          DownloadJob job = new DownloadJob(request, files(id), tls.client(), limits, log);
          log.info(
              "download "
                  + id
                  + ": from "
                  + WireText.quote(withoutUserInfo(request.source()))
                  + (job.received() > 0 ? ", resuming after " + job.received() + " bytes" : ""));
          workers.execute(job);
          return job;
        });
  }

  /** A URL's user info may hold a password: it never reaches the log. */
  static String withoutUserInfo(URI source) {
    if (source.getRawUserInfo() == null) {
      return source.toString();
    }
    return source.toString().replace(source.getRawUserInfo() + "@", "");
  }

  @Override
  public Optional<Download> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public void discard(String id) {
    DownloadJob job = jobs.remove(id);
    if (job != null) {
      job.cancel();
    }
    files(id).delete();
  }

  @Override
  public Optional<String> verifySigner(Path jar) throws DownloadException {
    return signers.verify(jar);
  }

  private PartFile files(String id) {
    return new PartFile(folder.resolve(id));
  }

  private void checkIdle() {
    long now = System.nanoTime();
    jobs.values().forEach(j -> j.checkIdle(now));
  }

  @Deactivate
  void close() {
    jobs.values().forEach(DownloadJob::cancel);
    watchdog.shutdownNow();
    workers.shutdownNow();
  }
}
