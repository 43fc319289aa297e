package io.dmagent.notification;

import io.dmagent.api.log.WireText;
import io.dmagent.api.session.UiKind;
import io.dmagent.api.session.UiPrompt;
import io.dmagent.api.session.UiResponse;
import io.dmagent.api.session.UserInteraction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows a notification's ui-mode: background starts at once; informative starts and tells the
 * user; user interaction asks the user and starts only if confirmed. The user is never waited for
 * on the caller's thread: displays and questions run on {@code executor}.
 */
final class UiGate {
  private final Supplier<Optional<UserInteraction>> users;
  private final Executor executor;
  private final Duration confirmTime;
  private final Consumer<String> log;

  UiGate(
      Supplier<Optional<UserInteraction>> users,
      Executor executor,
      Duration confirmTime,
      Consumer<String> log) {
    this.users = users;
    this.executor = executor;
    this.confirmTime = confirmTime;
    this.log = log;
  }

  /**
   * Starts the session ({@code start}) as the ui-mode says; false when it cannot even be asked (no
   * user interaction, or too many questions waiting), which declines it.
   */
  boolean admit(Notification n, String serverName, Runnable start) {
    String text = text(n, serverName);
    try {
      switch (n.uiMode()) {
        case INFORMATIVE -> {
          start.run();
          executor.execute(() -> show(n.serverId(), UiKind.DISPLAY, text));
        }
        case USER_INTERACTION -> {
          UserInteraction user = users.get().orElse(null);
          if (user == null) {
            return false;
          }
          executor.execute(() -> confirmThenStart(user, n.serverId(), text, start));
        }
        default -> start.run();
      }
      return true;
    } catch (RejectedExecutionException e) {
      return n.uiMode() == UiMode.INFORMATIVE;
    }
  }

  private void show(String serverId, UiKind kind, String text) {
    users.get().ifPresent(u -> u.interact(prompt(serverId, kind, text)));
  }

  private void confirmThenStart(
      UserInteraction user, String serverId, String text, Runnable start) {
    UiResponse answer;
    try {
      answer = user.interact(prompt(serverId, UiKind.CONFIRM, text));
    } catch (RuntimeException e) {
      log.accept("notification from " + WireText.quote(serverId) + ": user interaction failed");
      return;
    }
    if (answer.outcome() == UiResponse.Outcome.ANSWERED) {
      start.run();
    } else {
      log.accept(
          "notification from "
              + WireText.quote(serverId)
              + " DECLINED by the user ("
              + answer.outcome()
              + ")");
    }
  }

  private UiPrompt prompt(String serverId, UiKind kind, String text) {
    return new UiPrompt(
        serverId,
        kind,
        text,
        List.of(),
        Optional.empty(),
        Optional.of(confirmTime),
        kind == UiKind.CONFIRM ? Optional.of("0") : Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        false);
  }

  static String text(Notification n, String serverName) {
    return "Management server "
        + serverName
        + " asks for a session"
        + n.connectReason().map(r -> ": " + r).orElse("");
  }
}
