package io.dmagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory folder on a real folder with a real WatchService. */
class FactoryFolderTest {
  static final String ADDR = "https://dm.example.com/dm";

  @TempDir Path data;
  @TempDir Path folder;
  Fixture f;
  FactoryFolder watch;

  @BeforeEach
  void open() throws Exception {
    f = new Fixture(data, BootstrapSettings.defaults(), Messages.secrets());
  }

  @AfterEach
  void close() throws Exception {
    if (watch != null) {
      watch.close();
    }
    f.close();
  }

  @Test
  void a_file_there_at_start_is_applied_with_its_sec_sidecar_and_renamed() throws Exception {
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);
    Files.write(folder.resolve("acme.wbxml"), body);
    String mac =
        HexFormat.of().formatHex(BootstrapMac.hmac(ImsiKey.semiOctets(Messages.IMSI), body));
    Files.writeString(folder.resolve("acme.wbxml.sec"), "SEC=NETWPIN; MAC=" + mac + "\n");

    start();

    awaitFile(folder.resolve("acme.wbxml.applied"));
    assertThat(folder.resolve("acme.wbxml.sec.applied")).exists();
    assertThat(folder.resolve("acme.wbxml")).doesNotExist();
    assertThat(f.value("./DMAcc/acme/ServerID")).isEqualTo("acme-dm");
  }

  @Test
  void a_file_dropped_later_is_applied_and_an_unsigned_one_is_refused() throws Exception {
    start();
    byte[] body = Messages.oneAccount("acme", "acme-dm", ADDR);
    Path tmp = data.resolve("tmp");
    Files.write(tmp, body);

    Files.move(tmp, folder.resolve("acme.wbxml"));

    awaitFile(folder.resolve("acme.wbxml.refused"));
    assertThat(f.exists("./DMAcc/acme")).isFalse();
    assertThat(f.log).anyMatch(l -> l.contains("acme.wbxml") && l.contains("NOT_AUTHENTIC"));
  }

  @Test
  void other_files_are_left_alone() throws Exception {
    Files.writeString(folder.resolve("README.txt"), "notes");
    start();
    f.engine.apply(
        new io.dmagent.api.bootstrap.BootstrapMessage(
            io.dmagent.api.bootstrap.BootstrapSource.FACTORY_FILE,
            "text/plain",
            new byte[1],
            "x",
            false));
    watch.scan();

    assertThat(folder.resolve("README.txt")).exists();
    assertThat(BootstrapFile.contentType(Path.of("a.cp.xml")))
        .contains("text/vnd.wap.connectivity-xml");
    assertThat(BootstrapFile.contentType(Path.of("a.CP.WBXML")))
        .contains("application/vnd.wap.connectivity-wbxml");
    assertThat(BootstrapFile.contentType(Path.of("a.xml")))
        .contains("application/vnd.syncml.dm+xml");
  }

  @Test
  void an_oversized_file_is_refused_without_being_read_whole() throws Exception {
    f.close();
    f =
        new Fixture(
            data,
            BootstrapSettings.defaults().withUnsignedFactory(true).withMaxMessageSize(2048),
            Messages.secrets());
    Path big = folder.resolve("big.wbxml");
    Files.write(big, new byte[1 << 20]);

    var message = BootstrapFile.read(big, 2048);

    assertThat(message.length()).isEqualTo(2049);
    assertThat(f.engine.apply(message).outcome()).isEqualTo(Outcome.INVALID);
  }

  private void start() throws Exception {
    watch = new FactoryFolder(folder, f.engine, 256 * 1024, f.log::add);
    watch.start();
  }

  private static void awaitFile(Path p) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(20));
    while (!Files.exists(p) && Instant.now().isBefore(end)) {
      Thread.sleep(50);
    }
    assertThat(p).exists();
  }
}
