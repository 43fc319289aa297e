package io.dmagent.hw.smartcard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The origins ({@code <reader>/<card id>}) whose cards bootstrapped accounts, one per line in a
 * file under the agent's data folder, so a card taken out while the agent was stopped still has its
 * accounts withdrawn at the next start (bootstrap 5.5). Written whole to a temporary file and moved
 * into place, so a crash leaves the old list or the new one.
 */
final class BootstrappedCards {
  private static final int MAX_ORIGINS = 64;

  private final Path file;
  private final Set<String> origins = new LinkedHashSet<>();

  BootstrappedCards(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && origins.size() < MAX_ORIGINS) {
          origins.add(line.strip());
        }
      }
    }
  }

  synchronized List<String> origins() {
    return new ArrayList<>(origins);
  }

  synchronized void add(String origin) throws IOException {
    if (origins.size() < MAX_ORIGINS && origins.add(origin)) {
      save();
    }
  }

  synchronized void remove(String origin) throws IOException {
    if (origins.remove(origin)) {
      save();
    }
  }

  private void save() throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, origins, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
