package io.dmagent.server.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.server.notify.NotifyOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dmserver:notify} as Gogo's real command processor resolves and calls it. */
class NotifyCommandTest {
  private final List<List<String>> woken = new ArrayList<>();
  private ThreadIOImpl threadIo;
  private CommandProcessorImpl processor;
  private CommandSession session;

  @BeforeEach
  void start() {
    threadIo = new ThreadIOImpl();
    threadIo.start();
    processor = new CommandProcessorImpl(threadIo);
    NotifyCommand command =
        new NotifyCommand(
            (devId, options) -> {
              List<String> words = new ArrayList<>(List.of(devId));
              words.addAll(options);
              woken.add(words);
              return "notified " + devId;
            });
    processor.addCommand("dmserver", command, "notify");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
  }

  @AfterEach
  void stop() {
    session.close();
    processor.stop();
    threadIo.stop();
  }

  @Test
  void notify_without_arguments_prints_the_usage_instead_of_calling_object_notify()
      throws Exception {
    assertThat(session.execute("dmserver:notify"))
        .isEqualTo("usage: " + NotifyOptions.USAGE)
        .isEqualTo(NotifyCommand.USAGE);
    assertThat(session.execute("notify")).isEqualTo(NotifyCommand.USAGE);
    assertThat(woken).isEmpty();
  }

  @Test
  void notify_with_a_device_passes_the_device_and_its_options_on() throws Exception {
    assertThat(session.execute("dmserver:notify gw-01 --binding sip --ui informative"))
        .isEqualTo("notified gw-01");
    assertThat(session.execute("dmserver:notify gw-02")).isEqualTo("notified gw-02");

    assertThat(woken)
        .containsExactly(
            List.of("gw-01", "--binding", "sip", "--ui", "informative"), List.of("gw-02"));
  }
}
