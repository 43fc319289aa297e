package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.add;
import static io.dmagent.protocol.Fixture.alert;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.shape;
import static io.dmagent.protocol.Fixture.statusFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.protocol.ui.HeadlessUserInteraction;
import io.dmagent.protocol.ui.HeadlessUserInteraction.Answers;
import io.dmagent.protocol.ui.HeadlessUserInteraction.Choice;
import io.dmagent.protocol.ui.HeadlessUserInteraction.Confirm;
import io.dmagent.protocol.ui.HeadlessUserInteraction.Input;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User-interaction alerts 1100–1104 answered by the headless default (digest 1.8). */
class UserInteractionAlertTest {
  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(dir);
  }

  private SyncMessage answer(Answers answers, Command... commands) throws Exception {
    if (answers != null) {
      f.userInteraction(new HeadlessUserInteraction(answers, f.log::add));
    }
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());
    return sent(session.onMessage(server.reply(pkg1, true, commands)));
  }

  private static List<String> answerItems(Status s) {
    return s.items().stream().map(i -> i.data().map(ItemData::text).orElse("")).toList();
  }

  @Test
  void a_display_is_answered_200_and_its_text_logged_in_one_line() throws Exception {
    SyncMessage reply =
        answer(Answers.defaults(), alert("4", 1100, "MINDT=5&MAXDT=15", "Funambol DM Demo"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    assertThat(f.log).anyMatch(l -> l.equals("server 'srv1' displays: 'Funambol DM Demo'"));
  }

  @Test
  void a_confirmation_follows_the_servers_default_response() throws Exception {
    SyncMessage reply =
        answer(
            Answers.defaults(),
            alert("4", 1101, "DR=0", "Reboot now?"),
            alert("5", 1101, "MAXDT=30&DR=1", "Update now?"),
            alert("6", 1101, "", "No default?"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(304);
    assertThat(statusFor(reply, "5").code()).isEqualTo(200);
    assertThat(statusFor(reply, "6").code()).isEqualTo(200);
  }

  @Test
  void a_gateway_configured_to_reject_answers_304_whatever_the_default() throws Exception {
    Answers reject = new Answers(true, Confirm.REJECT, Input.DEFAULT_RESPONSE, "", Choice.FIRST);
    SyncMessage reply = answer(reject, alert("4", 1101, "DR=1", "Reboot now?"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(304);
  }

  @Test
  void a_text_input_is_answered_with_the_default_text_cut_to_maxlen() throws Exception {
    SyncMessage reply =
        answer(
            Answers.defaults(),
            alert("4", 1102, "DR=gateway-0042&MAXLEN=7", "Name?"),
            alert("5", 1102, "IT=A", "Name?"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    assertThat(answerItems(statusFor(reply, "4"))).containsExactly("gateway");
    assertThat(answerItems(statusFor(reply, "5"))).containsExactly("");
  }

  @Test
  void choices_are_answered_with_the_numbers_of_the_default_response() throws Exception {
    SyncMessage reply =
        answer(
            Answers.defaults(),
            alert("4", 1103, "DR=2", "Pick one", "red", "green", "blue"),
            alert("5", 1104, "DR=1-3", "Pick some", "red", "green", "blue"),
            alert("6", 1103, "", "Pick one", "red", "green"));

    assertThat(answerItems(statusFor(reply, "4"))).containsExactly("2");
    assertThat(answerItems(statusFor(reply, "5"))).containsExactly("1", "3");
    assertThat(answerItems(statusFor(reply, "6"))).containsExactly("1");
  }

  @Test
  void a_cancelled_input_answers_214() throws Exception {
    Answers cancel = new Answers(true, Confirm.ACCEPT, Input.CANCEL, "", Choice.CANCEL);
    SyncMessage reply =
        answer(cancel, alert("4", 1102, "", "Name?"), alert("5", 1103, "", "Pick", "a", "b"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(214);
    assertThat(statusFor(reply, "5").code()).isEqualTo(214);
  }

  @Test
  void a_gateway_without_user_interaction_answers_406() throws Exception {
    Answers off = new Answers(false, Confirm.ACCEPT, Input.DEFAULT_RESPONSE, "", Choice.FIRST);
    assertThat(statusFor(answer(off, alert("4", 1100, "", "Hello")), "4").code()).isEqualTo(406);
  }

  @Test
  void without_any_user_interaction_service_every_ui_alert_answers_406() throws Exception {
    assertThat(statusFor(answer(null, alert("4", 1101, "", "Sure?")), "4").code()).isEqualTo(406);
  }

  @Test
  void an_alert_without_its_text_or_choices_answers_412() throws Exception {
    SyncMessage reply =
        answer(Answers.defaults(), alert("4", 1100, "MAXDT=5"), alert("5", 1103, "", "Pick one"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(412);
    assertThat(statusFor(reply, "5").code()).isEqualTo(412);
  }

  @Test
  void a_rejected_confirmation_inside_an_atomic_rolls_it_back() throws Exception {
    Atomic atomic =
        new Atomic(
            "4",
            false,
            Optional.empty(),
            List.of(add("5", "./Vendor/A", "1"), alert("6", 1101, "DR=0", "Sure?")));
    SyncMessage reply = answer(Answers.defaults(), atomic);

    assertThat(shape(reply))
        .containsExactly("SyncHdr 0 200", "Atomic 4 507", "Add 5 216", "Alert 6 304");
    assertThat(f.exists("./Vendor/A")).isFalse();
  }

  @Test
  void a_rejected_confirmation_inside_a_sequence_skips_the_rest_with_215() throws Exception {
    Sequence sequence =
        new Sequence(
            "4",
            false,
            Optional.empty(),
            List.of(
                add("5", "./Vendor/A", "1"),
                alert("6", 1101, "DR=0", "Go on?"),
                add("7", "./Vendor/B", "1")));
    SyncMessage reply = answer(Answers.defaults(), sequence);

    assertThat(shape(reply))
        .containsExactly(
            "SyncHdr 0 200", "Sequence 4 200", "Add 5 200", "Alert 6 304", "Add 7 215");
    assertThat(f.exists("./Vendor/A")).isTrue();
    assertThat(f.exists("./Vendor/B")).isFalse();
  }
}
