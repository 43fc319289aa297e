package io.dmagent.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The files of one download in its own folder: {@code part} (the bytes so far), {@code meta} (the
 * URL, the server's validator and the announced size, so a restart resumes with If-Range) and
 * {@code file} (the whole, verified download).
 */
final class PartFile {
  private static final String SOURCE = "source";
  private static final String VALIDATOR = "validator";
  private static final String TOTAL = "total";

  private final Path folder;

  PartFile(Path folder) {
    this.folder = folder;
  }

  Path part() {
    return folder.resolve("part");
  }

  Path file() {
    return folder.resolve("file");
  }

  private Path meta() {
    return folder.resolve("meta");
  }

  /** Bytes already in the part, or 0. */
  long partSize() {
    try {
      return Files.exists(part()) ? Files.size(part()) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The state an earlier attempt left for this source; a part of another source is thrown away. */
  Meta resume(URI source) throws IOException {
    Files.createDirectories(folder);
    Properties p = new Properties();
    if (Files.exists(meta())) {
      try (InputStream in = Files.newInputStream(meta())) {
        p.load(in);
      }
    }
    if (!source.toString().equals(p.getProperty(SOURCE))) {
      Files.deleteIfExists(part());
      Files.deleteIfExists(file());
      Meta fresh = new Meta(Optional.empty(), OptionalLong.empty());
      save(source, fresh);
      return fresh;
    }
    String total = p.getProperty(TOTAL);
    return new Meta(
        Optional.ofNullable(p.getProperty(VALIDATOR)),
        total == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(total)));
  }

  void save(URI source, Meta meta) throws IOException {
    Properties p = new Properties();
    p.setProperty(SOURCE, source.toString());
    meta.validator().ifPresent(v -> p.setProperty(VALIDATOR, v));
    meta.total().ifPresent(t -> p.setProperty(TOTAL, Long.toString(t)));
    Path tmp = folder.resolve("meta.tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, null);
    }
    Files.move(tmp, meta(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The part becomes the download's file. */
  Path complete() throws IOException {
    return Files.move(part(), file(), StandardCopyOption.REPLACE_EXISTING);
  }

  void truncatePart() throws IOException {
    Files.deleteIfExists(part());
  }

  void delete() {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(PartFile::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the server told about the content: its ETag or Last-Modified, and its size. */
  record Meta(Optional<String> validator, OptionalLong total) {}
}
