package io.dmagent.protocol.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Alerts an earlier version queued as one {@code <id>.alert} file each (before the outbox bundle):
 * moved onto the outbox once, oldest first, each file deleted only after its alert is stored there,
 * so a crash midway delivers an alert twice at worst, never loses one. A file that fails its
 * checksum is kept aside as {@code .corrupt} with one line, as before.
 */
public final class AlertFiles {
  private static final String SUFFIX = ".alert";

  private AlertFiles() {}

  /** Moves the alert files of {@code folder} (if any) onto {@code outbox}; returns how many. */
  public static int moveOnto(AlertOutbox outbox, Path folder, Consumer<String> log)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      dir.forEach(files::add);
    }
    files.sort(null);
    int moved = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        QueuedAlert q =
            AlertRecord.decodeFile(
                Files.readAllBytes(file), name.substring(0, name.length() - SUFFIX.length()));
        outbox.queue(q.alert(), q.serverId(), q.alertCode());
        Files.delete(file);
        moved++;
      } catch (AlertRecord.CorruptRecordException e) {
        Path aside = file.resolveSibling(name + ".corrupt");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        log.accept("alert file " + name + " is corrupt (" + e.getMessage() + "); kept aside");
      } catch (io.dmagent.api.tree.DmException e) {
        log.accept("alert file " + name + " stays for the next start: " + e.getMessage());
        break; // the outbox is full or cannot be written: keep the rest in order
      }
    }
    if (moved > 0) {
      try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
        dir.force(true);
      }
      log.accept(moved + " queued alert(s) of an earlier version moved onto the outbox");
    }
    return moved;
  }
}
