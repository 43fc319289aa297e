package io.dmagent.scomo;

import io.dmagent.api.session.AlertService;
import io.dmagent.api.session.GenericAlert;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The protocol's alert service as SCOMO sees it: what was queued, for which server. */
final class RecordingAlerts implements AlertService {
  record Queued(GenericAlert alert, Optional<String> serverId) {}

  final List<Queued> queued = new CopyOnWriteArrayList<>();

  @Override
  public String queue(GenericAlert alert, Optional<String> serverId) {
    queued.add(new Queued(alert, serverId));
    return "alert-" + queued.size();
  }

  @Override
  public String queueClientEvent(GenericAlert event, Optional<String> serverId) {
    throw new UnsupportedOperationException("SCOMO sends no client events");
  }

  String data(int i) {
    return new String(queued.get(i).alert().data(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
