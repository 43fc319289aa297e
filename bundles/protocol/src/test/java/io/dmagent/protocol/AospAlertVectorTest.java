package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.testing.ThirdPartyVectors;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.protocol.ui.HeadlessUserInteraction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AOSP's XML server packages with user-interaction alerts ({@code testalert*.xml}) run on a gateway
 * whose headless user interaction takes the server's default responses: the Status of each alert
 * carries the answer AOSP's tests expect from a user who accepts the defaults.
 */
class AospAlertVectorTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "testalertdisplay | 1 | 200 |",
        "testalertconfirm | 2 | 200 |",
        "testalerttextinput | 1 | 200 | hello andy!",
        "testalertsinglechoice | 1 | 200 | 2",
        "testalertmultiplechoice | 1 | 200 | 1,3,6",
      })
  void the_alert_is_answered_with_the_default_response(
      String vector, String cmdId, int code, String answer) throws Exception {
    Fixture f = new Fixture(dir);
    f.userInteraction(
        new HeadlessUserInteraction(HeadlessUserInteraction.Answers.defaults(), f.log::add));
    SyncMessage server =
        new SyncMlCodec()
            .decode(
                ThirdPartyVectors.bytes("aosp-omadm/test/dm12/" + vector + ".xml"),
                Encoding.XML,
                1 << 20);
    // The vector carries AOSP's SessionID: our session takes it, as the one the vector answers.
    ClientSession session = f.sessionId(server.header().sessionId()).session();
    session.begin();

    SyncMessage reply = Fixture.sent(session.onMessage(server));

    Status status = Fixture.statusFor(reply, cmdId);
    assertThat(status.cmd()).isEqualTo("Alert");
    assertThat(status.code()).isEqualTo(code);
    List<String> items =
        status.items().stream().map(i -> i.data().map(ItemData::text).orElse("")).toList();
    if (answer == null) {
      assertThat(items).isEmpty();
    } else {
      assertThat(items).containsExactly(answer.split(","));
    }
  }
}
