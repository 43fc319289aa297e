package io.dmagent.notification;

import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/** Keeps the sessions asked for; the servers in {@link #running} are in session. */
final class RecordingSessions implements ManagementSessions {
  final List<SessionRequest> requests = new CopyOnWriteArrayList<>();
  final Set<String> running = new CopyOnWriteArraySet<>();

  @Override
  public CompletionStage<SessionReport> start(SessionRequest request) {
    requests.add(request);
    return new CompletableFuture<>();
  }

  @Override
  public boolean inSession(String serverId) {
    return running.contains(serverId);
  }
}
