package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PC/SC stack of the tests: pcscd (reused when one runs, else started for this JVM and
 * ended with it), vpcd's reader "Virtual PCD 00 00", and virtual cards of our own
 * (src/test/python/pkcs15_card.py, on virtualsmartcard's VirtualICC) put in and taken out. Missing
 * parts skip the test with the apt-get line, or fail it on CI (CI set), where .ci/run installs
 * them.
 */
final class VirtualCardStack {
  static final String READER = "Virtual PCD 00 00";
  private static final Path PCSCD = Path.of("/usr/sbin/pcscd");
  private static final Path VPCD = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path VICC_MODULE =
      Path.of("/usr/lib/python3/site-packages/virtualsmartcard");
  private static final Path CRYPTODOME = Path.of("/usr/lib/python3/dist-packages/Cryptodome");
  private static final Path CARD = Path.of("src/test/python/pkcs15_card.py").toAbsolutePath();

  private static Process pcscd;

  private final CardTerminals terminals;
  private final Path folder;

  private VirtualCardStack(CardTerminals terminals, Path folder) {
    this.terminals = terminals;
    this.folder = folder;
  }

  /** The stack, pcscd running and the virtual reader listed; skips or fails when parts miss. */
  static synchronized VirtualCardStack require(Path folder) throws Exception {
    require(PCSCD, "pcscd");
    require(VPCD, "vsmartcard-vpcd");
    require(PYTHON, "python3");
    require(VICC_MODULE, "python3-virtualsmartcard");
    require(CRYPTODOME, "python3-pycryptodome");
    CardTerminals terminals = pcsc();
    if ((terminals == null || reader(terminals) == null) && pcscd == null) {
      pcscd =
          new ProcessBuilder(PCSCD.toString(), "--foreground")
              .redirectErrorStream(true)
              .redirectOutput(folder.resolve("pcscd.log").toFile())
              .start();
      Process started = pcscd;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (terminals == null || reader(terminals) == null) {
      if (System.nanoTime() > deadline) {
        fail("pcscd lists no reader " + READER + " within 10 s (vpcd not loaded?)");
      }
      Thread.sleep(100);
      terminals = terminals == null ? pcsc() : terminals;
    }
    return new VirtualCardStack(terminals, folder);
  }

  private static void require(Path part, String debianPackage) {
    if (Files.exists(part)) {
      return;
    }
    String missing = part + " not found: apt-get install " + debianPackage;
    if (System.getenv("CI") != null) {
      fail(missing);
    }
    Assumptions.abort(missing);
  }

  /** The JDK's PC/SC terminals; null while it cannot connect to pcscd. */
  private static CardTerminals pcsc() {
    try {
      return TerminalFactory.getInstance("PC/SC", null).terminals();
    } catch (NoSuchAlgorithmException noPcscd) {
      return null;
    }
  }

  private static CardTerminal reader(CardTerminals terminals) {
    try {
      return terminals.list().stream()
          .filter(t -> t.getName().equals(READER))
          .findFirst()
          .orElse(null);
    } catch (CardException e) {
      return null; // no pcscd yet
    }
  }

  CardTerminals terminals() {
    return terminals;
  }

  CardTerminal reader() {
    return reader(terminals);
  }

  /**
   * Puts a card in the virtual reader: EF(DM_Bootstrap) holds {@code bootstrap}, EF(DODF) names
   * {@code url} too when not null, EF(TokenInfo) carries {@code cardId}.
   */
  VirtualCard insert(byte[] bootstrap, String url, String cardId) throws Exception {
    Path file = Files.createTempFile(folder, "bootstrap", ".bin");
    Files.write(file, bootstrap);
    Path shim = Files.createDirectories(folder.resolve("python-shim"));
    if (!Files.exists(shim.resolve("Crypto"))) {
      // Debian ships pycryptodome as Cryptodome; virtualsmartcard imports Crypto.
      Files.createSymbolicLink(shim.resolve("Crypto"), CRYPTODOME);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                PYTHON.toString(),
                CARD.toString(),
                "--bootstrap",
                file.toString(),
                "--card-id",
                cardId));
    if (url != null) {
      command.addAll(List.of("--url", url));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PYTHONPATH", shim + ":" + VICC_MODULE);
    Process process = builder.start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder said = new StringBuilder();
    for (String line; (line = output.readLine()) != null; ) {
      said.append(line).append('\n');
      if (line.equals("card ready")) {
        Thread drain = new Thread(() -> drain(output), "virtual-card-output");
        drain.setDaemon(true);
        drain.start();
        VirtualCard card = new VirtualCard(process);
        if (!reader().waitForCardPresent(10_000)) {
          card.remove();
          fail("the virtual card is not seen in " + READER + " within 10 s");
        }
        return card;
      }
    }
    process.waitFor(5, TimeUnit.SECONDS);
    return fail("the virtual card did not start:\n" + said);
  }

  private static void drain(BufferedReader output) {
    try {
      while (output.readLine() != null) {
        // Only read so the card never blocks on a full pipe.
      }
    } catch (IOException e) {
      // The card ended.
    }
  }

  /** A virtual card in the reader; removing it ends its process. */
  final class VirtualCard implements AutoCloseable {
    private final Process process;

    private VirtualCard(Process process) {
      this.process = process;
    }

    void remove() throws Exception {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
      reader().waitForCardAbsent(10_000);
    }

    @Override
    public void close() throws Exception {
      remove();
    }
  }
}
