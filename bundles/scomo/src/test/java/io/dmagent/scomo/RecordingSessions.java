package io.dmagent.scomo;

import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The protocol's session service as SCOMO sees it: the sessions asked for, one in flight or not.
 */
final class RecordingSessions implements ManagementSessions {
  final List<SessionRequest> requested = new CopyOnWriteArrayList<>();
  volatile boolean inSession;

  @Override
  public CompletionStage<SessionReport> start(SessionRequest request) {
    requested.add(request);
    return new CompletableFuture<>();
  }

  @Override
  public boolean inSession(String serverId) {
    return inSession;
  }
}
