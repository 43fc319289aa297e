package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A virtual PKCS#15 card in vpcd's reader "Virtual PCD 00 00" under pcscd (reused when running,
 * else started and left to end with this JVM): the card of bundles/hw-smartcard's tests
 * (src/test/python/pkcs15_card.py on virtualsmartcard). Skipped with the apt-get line where the
 * stack is missing, failed on CI (CI set), where .ci/run installs it. Closing takes the card out.
 */
final class VirtualSmartCard implements AutoCloseable {
  static final String READER = "Virtual PCD 00 00";
  private static final Path CARD =
      Path.of("../bundles/hw-smartcard/src/test/python/pkcs15_card.py").toAbsolutePath();
  private static final Path VICC_MODULE =
      Path.of("/usr/lib/python3/site-packages/virtualsmartcard");
  private static final Path CRYPTODOME = Path.of("/usr/lib/python3/dist-packages/Cryptodome");

  private final Process process;
  private final CardTerminal reader;

  private VirtualSmartCard(Process process, CardTerminal reader) {
    this.process = process;
    this.reader = reader;
  }

  /**
   * The stack: its packages installed (else skipped, or failed on CI), pcscd running (started if
   * none runs) and the virtual reader listed.
   */
  static CardTerminal requireStack(Path folder) throws Exception {
    for (String[] part :
        new String[][] {
          {"/usr/sbin/pcscd", "pcscd"},
          {"/usr/lib/pcsc/drivers/serial/libifdvpcd.so", "vsmartcard-vpcd"},
          {VICC_MODULE.toString(), "python3-virtualsmartcard"},
          {CRYPTODOME.toString(), "python3-pycryptodome"}
        }) {
      if (!Files.exists(Path.of(part[0]))) {
        String missing = part[0] + " not found: apt-get install " + part[1];
        if (System.getenv("CI") != null) {
          fail(missing);
        }
        Assumptions.abort(missing);
      }
    }
    return reader(folder);
  }

  /** Puts a card whose EF(DM_Bootstrap) holds {@code bootstrap} into the virtual reader. */
  static VirtualSmartCard insert(Path folder, byte[] bootstrap, String cardId) throws Exception {
    CardTerminal reader = requireStack(folder);
    Path file = folder.resolve("card-bootstrap.bin");
    Files.write(file, bootstrap);
    Path shim = Files.createDirectories(folder.resolve("python-shim"));
    if (!Files.exists(shim.resolve("Crypto"))) {
      Files.createSymbolicLink(shim.resolve("Crypto"), CRYPTODOME); // Debian's name for it
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                "/usr/bin/python3",
                CARD.toString(),
                "--bootstrap",
                file.toString(),
                "--card-id",
                cardId)
            .redirectErrorStream(true);
    builder.environment().put("PYTHONPATH", shim + ":" + VICC_MODULE);
    Process process = builder.start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = output.readLine()) != null; ) {
      if (line.equals("card ready")) {
        Thread drain = new Thread(() -> drain(output), "virtual-card-output");
        drain.setDaemon(true);
        drain.start();
        VirtualSmartCard card = new VirtualSmartCard(process, reader);
        if (!reader.waitForCardPresent(10_000)) {
          card.close();
          fail("the virtual card is not seen in " + READER);
        }
        return card;
      }
    }
    return fail("the virtual card did not start");
  }

  private static CardTerminal reader(Path folder) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean started = false;
    while (System.nanoTime() < deadline) {
      try {
        // The JDK's provider cannot be created while pcscd is not running.
        for (CardTerminal t : TerminalFactory.getInstance("PC/SC", null).terminals().list()) {
          if (t.getName().equals(READER)) {
            return t;
          }
        }
      } catch (CardException | NoSuchAlgorithmException noPcscd) {
        if (!started) {
          Process pcscd =
              new ProcessBuilder("/usr/sbin/pcscd", "--foreground")
                  .redirectErrorStream(true)
                  .redirectOutput(folder.resolve("pcscd.log").toFile())
                  .start();
          Runtime.getRuntime().addShutdownHook(new Thread(pcscd::destroy));
          started = true;
        }
      }
      Thread.sleep(100);
    }
    return fail("pcscd lists no reader " + READER + " (vpcd not loaded?)");
  }

  private static void drain(BufferedReader output) {
    try {
      while (output.readLine() != null) {
        // Only read, so the card never blocks on a full pipe.
      }
    } catch (IOException e) {
      // The card ended.
    }
  }

  /** Takes the card out: its process ends, the reader is empty. */
  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    reader.waitForCardAbsent(10_000);
  }
}
