package io.dmagent.stdobj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;

/**
 * The DevId of a gateway without a hardware identity: a random UUID URN made at the first start and
 * kept in the data folder ({@code data/device-id}), so that it survives restarts and upgrades but,
 * unlike {@code /etc/machine-id}, is not shared by every container or SD card cloned from one image
 * (each clone starts with its own empty data folder). Made only when first asked.
 */
final class KeptDeviceId implements Supplier<String> {
  static final String FILE = "device-id";
  private static final Pattern URN = Pattern.compile("urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\\S+");

  private final Path file;
  private String id;

  KeptDeviceId(Path file) {
    this.file = file;
  }

  /** The file in the agent's data folder ({@code dmagent.data}), else the bundle's own. */
  static KeptDeviceId in(BundleContext context) {
    String data = context.getProperty("dmagent.data");
    return new KeptDeviceId(
        data != null ? Path.of(data, FILE) : context.getDataFile(FILE).toPath());
  }

  @Override
  public synchronized String get() {
    if (id == null) {
      id = read().orElseGet(this::make);
    }
    return id;
  }

  private Optional<String> read() {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
      return URN.matcher(kept).matches() ? Optional.of(kept) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kept DevId " + file, e);
    }
  }

  private String make() {
    String made = "urn:uuid:" + UUID.randomUUID();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(FILE + ".tmp");
      Files.writeString(tmp, made + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Without a writable data folder the id would change at every start: say so, never guess.
      throw new UncheckedIOException("cannot keep the DevId in " + file, e);
    }
    return made;
  }
}
