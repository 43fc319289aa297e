package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The factory folder ({@code config/bootstrap/}): each bootstrap file in it is applied at start and
 * when it appears, then renamed {@code <name>.applied} (applied or unchanged) or {@code
 * <name>.refused}, its {@code .sec} sidecar with it, so that it is never applied twice and the
 * operator sees what became of it. A file still being written is waited for until its size holds.
 */
final class FactoryFolder implements AutoCloseable {
  static final String APPLIED = ".applied";
  static final String REFUSED = ".refused";

  private final Path folder;
  private final Bootstrapper bootstrapper;
  private final int bound;
  private final Consumer<String> log;
  private final WatchService watcher;
  private final Thread thread;

  FactoryFolder(Path folder, Bootstrapper bootstrapper, int bound, Consumer<String> log)
      throws IOException {
    this.folder = folder;
    this.bootstrapper = bootstrapper;
    this.bound = bound;
    this.log = log;
    Files.createDirectories(folder);
    this.watcher = folder.getFileSystem().newWatchService();
    folder.register(
        watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    this.thread = new Thread(this::run, "dmagent-bootstrap-folder");
    thread.setDaemon(true);
  }

  /** Applies what is there, then watches. */
  void start() {
    thread.start();
  }

  private void run() {
    scan();
    try {
      while (true) {
        WatchKey key = watcher.take();
        key.pollEvents();
        scan();
        if (!key.reset()) {
          log.accept("bootstrap folder " + folder + " is gone: no longer watched");
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  /** Applies every bootstrap file of the folder, in name order. */
  synchronized void scan() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
      for (Path p : dir) {
        if (Files.isRegularFile(p) && BootstrapFile.contentType(p).isPresent()) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      log.accept("bootstrap folder " + folder + " unreadable: " + e.getMessage());
      return;
    }
    files.sort(null);
    for (Path p : files) {
      if (settled(p)) {
        apply(p);
      }
    }
  }

  private void apply(Path file) {
    String suffix;
    try {
      BootstrapResult r = bootstrapper.apply(BootstrapFile.read(file, bound));
      suffix =
          r.outcome() == BootstrapResult.Outcome.APPLIED
                  || r.outcome() == BootstrapResult.Outcome.UNCHANGED
              ? APPLIED
              : REFUSED;
    } catch (IOException e) {
      log.accept("bootstrap file " + WireText.quote(file.getFileName().toString()) + " unreadable");
      suffix = REFUSED;
    }
    rename(file, suffix);
    Path sec = BootstrapFile.sidecar(file);
    if (Files.exists(sec)) {
      rename(sec, suffix);
    }
  }

  private void rename(Path file, String suffix) {
    try {
      Files.move(
          file,
          file.resolveSibling(file.getFileName() + suffix),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.accept(
          "bootstrap file "
              + WireText.quote(file.getFileName().toString())
              + " not renamed: "
              + e.getMessage());
    }
  }

  /** Whether the file's size held for a moment: a copy in progress is taken at its next event. */
  private static boolean settled(Path file) {
    try {
      long size = Files.size(file);
      Thread.sleep(100);
      return Files.exists(file) && Files.size(file) == size;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    thread.interrupt();
  }
}
