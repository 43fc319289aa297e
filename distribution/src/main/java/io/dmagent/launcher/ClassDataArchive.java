package io.dmagent.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The class-data archive of this installation (README, "JVM options"), written once the agent is
 * ready, by the JVM it describes: every class loaded until then, those of the bundles' class
 * loaders included, which a list-based archive cannot hold. bin/dmagent asks for it (the property
 * {@value #PROPERTY}, with {@code -XX:+RecordDynamicDumpInfo}) on a start that has no archive yet,
 * and maps it ({@code -XX:SharedArchiveFile}) at every start after that. A JVM maps an archived
 * class only when the class's bytes are the ones archived, so a bundle updated later is loaded from
 * its jar as before.
 */
final class ClassDataArchive {
  static final String PROPERTY = "dmagent.cds.dump";

  private final Path target;

  private ClassDataArchive(Path target) {
    this.target = target;
  }

  /** The archive bin/dmagent asked this JVM to write, if it asked. */
  static Optional<ClassDataArchive> requested() {
    String file = System.getProperty(PROPERTY, "");
    return file.isEmpty() ? Optional.empty() : Optional.of(new ClassDataArchive(Path.of(file)));
  }

  Path target() {
    return target;
  }

  /**
   * Writes the archive: the JVM stops every thread while it does (a few hundred milliseconds, once
   * per installation). The file appears under its name only when whole; a failure leaves {@code
   * <name>.failed} with the reason, so that bin/dmagent does not ask again at every start.
   *
   * @return the line to print
   */
  String write() {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    long start = System.nanoTime();
    try {
      Files.deleteIfExists(partial);
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "vmCds",
              new Object[] {new String[] {"dynamic_dump", partial.toString()}},
              new String[] {String[].class.getName()});
      if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
        throw new IOException("the JVM wrote no archive (is -XX:+RecordDynamicDumpInfo set?)");
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return "class-data archive of this installation written in "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
          + " ms: "
          + target
          + " ("
          + Files.size(target) / (1024 * 1024)
          + " MB); the next starts map it";
    } catch (IOException | JMException | RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      try {
        Files.deleteIfExists(partial);
        Files.writeString(target.resolveSibling(target.getFileName() + ".failed"), reason + "\n");
      } catch (IOException ignored) {
        // The warning below says it; the next start asks again.
      }
      return "WARN dmagent: no class-data archive written (" + reason + "); starts stay unarchived";
    }
  }
}
