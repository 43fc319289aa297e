package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.testing.ThirdPartyVectors;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.codec.message.SyncMlCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server packages captured from a Funambol DM server ({@code funambol-replays/}) played as
 * one session: nine Gets on DevInfo and DevDetail and a display alert, the same again, then a
 * package with nothing but the header's Status, which ends the session.
 */
class FunambolReplayTest {
  static final String CAPTURED_SESSION_ID = "1";
  final SyncMlCodec codec = new SyncMlCodec();

  @TempDir Path dir;

  @Test
  void the_captured_session_runs_to_its_end_with_sensible_statuses() throws Exception {
    Fixture f = new Fixture(dir);
    for (String leaf : List.of("DevTyp", "OEM", "FwV", "SwV", "HwV")) {
      f.device().addLeaf(NodeUri.of("./DevDetail/" + leaf), NodeValue.text(leaf + "-value"));
    }
    f.userInteraction(
        new io.dmagent.protocol.ui.HeadlessUserInteraction(
            io.dmagent.protocol.ui.HeadlessUserInteraction.Answers.defaults(), f.log::add));
    // The capture is of the session with SessionID 1; ours takes that id, the bytes stay as taken.
    ClientSession session = f.sessionId(CAPTURED_SESSION_ID).session();
    session.begin();
    for (int n = 1; n <= 3; n++) {
      assertThat(replay(n).header().sessionId()).isEqualTo(CAPTURED_SESSION_ID);
    }

    SyncMessage reply1 = Fixture.sent(session.onMessage(replay(1)));
    SyncMessage reply2 = Fixture.sent(session.onMessage(replay(2)));
    ClientSession.End end = Fixture.ended(session.onMessage(replay(3)));

    for (SyncMessage reply : List.of(reply1, reply2)) {
      List<Status> statuses = Fixture.statuses(reply);
      assertThat(statuses.get(0).cmd()).isEqualTo("SyncHdr");
      assertThat(statuses).extracting(Status::code).containsOnly(200);
      assertThat(statuses.stream().filter(s -> s.cmd().equals("Get"))).hasSize(9);
      assertThat(statuses.stream().filter(s -> s.cmd().equals("Alert"))).hasSize(1);
      assertThat(Fixture.results(reply)).hasSize(9);
      assertThat(Fixture.results(reply))
          .flatExtracting(Results::items)
          .allMatch(i -> i.data().isPresent());
      assertThat(reply.header().target().locUri())
          .isEqualTo("http://localhost:8080/funambol/dm?sid=W0JANjIwNTI5MzQtMTQ1NjMwMTE2MzYyNQ");
      // Through our encoder and back in both encodings without loss.
      for (Encoding e : Encoding.values()) {
        assertThat(codec.decode(codec.encode(reply, e), e, 1 << 20)).isEqualTo(reply);
      }
    }
    assertThat(end.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(session.commands()).isEqualTo(20);
    assertThat(session.serverPackages()).isEqualTo(3);
    assertThat(f.log).anyMatch(l -> l.contains("displays: 'Funambol DM Demo'"));
  }

  private SyncMessage replay(int n) throws Exception {
    return codec.decode(
        ThirdPartyVectors.bytes("funambol-replays/test_server_replay_" + n + ".xml"),
        Encoding.XML,
        1 << 20);
  }
}
