package io.dmagent.scomo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * Files written so that a crash leaves the old content or the new one, never a mix: a temporary
 * file forced to disk, then moved over the target atomically.
 */
final class DurableFile {
  private DurableFile() {}

  static void write(Path target, Properties content) throws IOException {
    StringWriter text = new StringWriter();
    content.store(text, null);
    write(target, text.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  static void write(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content));
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Copies {@code in} to {@code target} durably. */
  static void copy(InputStream in, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      in.transferTo(out);
    }
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
    return p;
  }
}
