package io.dmagent.server.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.DmServer;
import io.dmagent.server.ServerLog;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.PushSenders;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.ScriptException;
import io.dmagent.server.sessionless.SessionlessCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dmserver:push}: its words and its one-line errors. */
class PushCommandTest {
  private DmServer server;
  private SessionlessCommands sessionless;

  @BeforeEach
  void start() throws Exception {
    SyncMlCodec codec = new SyncMlCodec();
    server = DmServer.builder(codec).log(ServerLog.silent()).start();
    sessionless =
        new SessionlessCommands(
            server.serverId(),
            codec,
            Encoding.WBXML,
            server.credentials(),
            PushDirectory.empty(),
            new PushSenders(server.serverId(), "dm/<DevId>/push", Duration.ofSeconds(1)),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String run(String devId, String script, String... options) {
    return PushCommand.run(devId, script, List.of(options), this::script, sessionless);
  }

  private Script script(String name) throws ScriptException {
    if (!name.equals("get-id")) {
      throw new ScriptException("no script " + name, new java.io.FileNotFoundException(name));
    }
    return Script.parse(name, "get ./DevInfo/DevId");
  }

  @Test
  void unknown_option_is_one_error_line_with_the_usage() {
    assertThat(run("dev1", "get-id", "--loud"))
        .isEqualTo("error: unknown option --loud; usage: " + PushCommand.USAGE);
  }

  @Test
  void bad_binding_is_one_error_line() {
    assertThat(run("dev1", "get-id", "--binding", "pigeon"))
        .startsWith("error: bad value for --binding: pigeon");
  }

  @Test
  void unknown_script_or_device_is_one_error_line() {
    assertThat(run("dev1", "nope")).isEqualTo("error: no script nope");
    assertThat(run("dev1", "get-id", "--report"))
        .isEqualTo("error: no device dev1 (dmserver:devices lists them)");
  }
}
