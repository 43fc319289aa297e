package io.dmagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapCommandsTest {
  @TempDir Path data;
  @TempDir Path files;

  @Test
  void dm_bootstrap_applies_a_file_as_a_factory_bootstrap_with_its_sidecar() throws Exception {
    try (Fixture f = new Fixture(data, BootstrapSettings.defaults(), Messages.secrets())) {
      byte[] body = Messages.oneAccount("acme", "acme-dm", "https://dm.example.com/");
      Path file = Files.write(files.resolve("acme.wbxml"), body);
      String type = Messages.netwpin(Messages.DM_WBXML, body);
      Files.writeString(files.resolve("acme.wbxml.sec"), type.substring(type.indexOf(';') + 1));
      BootstrapCommands commands = new BootstrapCommands(new Configs(), f.engine);

      assertThat(commands.bootstrap(file.toString())).startsWith("APPLIED");
      assertThat(commands.bootstrap(file.toString())).startsWith("UNCHANGED");
      assertThat(commands.bootstrap(files.resolve("notes.txt").toString()))
          .startsWith("not a bootstrap file name");
      assertThat(commands.bootstrap(files.resolve("missing.xml").toString()))
          .startsWith("cannot read");
      assertThat(f.ledger.creator("acme-dm")).contains(BootstrapSource.FACTORY_FILE);
    }
  }

  @Test
  void the_configuration_names_the_trusted_channels_and_bounds_the_size() {
    Configs c = new Configs();
    c.trustedChannels = new String[] {"smart_card", "nonsense"};
    c.maxMessageSize = 10;

    BootstrapSettings s = BootstrapSettings.of(c);

    assertThat(s.trustedChannels()).containsExactly(BootstrapSource.SMART_CARD);
    assertThat(s.maxMessageSize()).isEqualTo(BootstrapSettings.MIN_SIZE);
    assertThat(s.takesUnsigned(BootstrapSource.SMART_CARD, true)).isTrue();
    assertThat(s.takesUnsigned(BootstrapSource.SMART_CARD, false)).isFalse();
    assertThat(s.takesUnsigned(BootstrapSource.BOOTSTRAP_SERVER, true)).isFalse();
  }
}
