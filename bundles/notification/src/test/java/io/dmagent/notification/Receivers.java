package io.dmagent.notification;

import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.session.UserInteraction;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A receiver on test parts: user questions run at once on the caller (a direct executor). */
final class Receivers {
  final InMemoryAccounts accounts = new InMemoryAccounts();
  final RecordingSessions sessions = new RecordingSessions();
  final List<String> log = new CopyOnWriteArrayList<>();
  UserInteraction user;
  Executor executor = Runnable::run;
  Map<String, PushContentHandler> handlers = Map.of();

  NotificationReceiver build(ReceiverSettings settings, Clock clock) {
    UiGate gate =
        new UiGate(() -> Optional.ofNullable(user), executor, settings.confirmTime(), log::add);
    return new NotificationReceiver(
        settings,
        accounts,
        sessions,
        gate,
        t -> Optional.ofNullable(handlers.get(t)),
        clock,
        log::add,
        log::add);
  }

  NotificationReceiver build() {
    return build(ReceiverSettings.DEFAULTS, Clock.systemUTC());
  }

  static PushMessage dm12(byte[] body) {
    return new PushMessage("http", "application/vnd.syncml.notification", body, "127.0.0.1");
  }

  static PushMessage dm13(byte[] body) {
    return new PushMessage("http", "application/vnd.syncml.dm.notification", body, "127.0.0.1");
  }
}
