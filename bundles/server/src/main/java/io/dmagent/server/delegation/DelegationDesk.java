package io.dmagent.server.delegation;

import io.dmagent.api.log.WireText;
import io.dmagent.server.ServerLog;
import io.dmagent.server.http.HttpAnswer;
import io.dmagent.server.http.HttpCall;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiving side of the server-to-server delegation exchange: a peer server POSTs a sealed
 * {@link DelegationGrant} naming this server as delegate; the desk checks the seal with the key it
 * shares with that peer, keeps the grant per device, and answers with this server's ServerID and DM
 * address, which the delegator passes to the device for the delegate's account. A revocation from
 * the same delegator ends the grant. Refusals: 400 (not a grant), 403 (unknown peer, bad seal,
 * another delegate), 409 (id in use); one log line each, never the body.
 */
public final class DelegationDesk {
  static final int MAX_BODY = 16 * 1024;

  private final String serverId;
  private final Map<String, GrantSeal> peers;
  private final Clock clock;
  private final ServerLog log;
  private final Map<String, DelegationGrant> grants = new ConcurrentHashMap<>();

  /** Ids that were revoked: a sealed grant recorded on its way and posted again stays ended. */
  private final Set<String> ended = ConcurrentHashMap.newKeySet();

  public DelegationDesk(String serverId, Map<String, GrantSeal> peers, Clock clock, ServerLog log) {
    this.serverId = serverId;
    this.peers = Map.copyOf(peers);
    this.clock = clock;
    this.log = log;
  }

  public HttpAnswer handle(HttpCall call, URI dmAddress) {
    if (!call.method().equals("POST")) {
      return HttpAnswer.text(405, "delegation grants are POSTed");
    }
    if (call.body().length > MAX_BODY) {
      return refuse(413, "delegation grant larger than " + MAX_BODY + " bytes");
    }
    String body = new String(call.body(), StandardCharsets.UTF_8);
    Optional<String> delegator = field(body, "delegator");
    GrantSeal seal = delegator.map(peers::get).orElse(null);
    if (seal == null) {
      return refuse(403, "delegation grant from a server that is not a known peer");
    }
    DelegationGrant grant;
    try {
      grant = seal.open(body).orElse(null);
    } catch (IllegalArgumentException e) {
      return refuse(
          400, "delegation grant from " + delegator.get() + " malformed: " + e.getMessage());
    }
    if (grant == null) {
      return refuse(403, "delegation grant from " + delegator.get() + ": seal does not verify");
    }
    if (!grant.delegate().equals(serverId)) {
      return refuse(403, "delegation grant " + grant.id() + " names another delegate");
    }
    String key = grant.delegator() + "/" + grant.id();
    synchronized (ended) {
      if (grant.action() == DelegationGrant.Action.REVOKE) {
        ended.add(key);
        grants.remove(key);
        log.info("delegation " + grant.id() + " from " + grant.delegator() + " revoked");
        return HttpAnswer.text(200, "revoked=" + grant.id());
      }
      if (ended.contains(key)) {
        return refuse(
            409,
            "delegation grant "
                + grant.id()
                + " from "
                + grant.delegator()
                + " was revoked; an id is never granted again");
      }
      if (grants.putIfAbsent(key, grant) != null) {
        return refuse(
            409, "delegation grant " + grant.id() + " from " + grant.delegator() + " exists");
      }
    }
    log.info(
        "delegation "
            + grant.id()
            + " from "
            + grant.delegator()
            + " accepted for "
            + grant.devId()
            + (grant.full() ? " (full)" : " on " + grant.subtrees()));
    return HttpAnswer.text(200, "serverId=" + serverId + "\naddress=" + dmAddress);
  }

  /** The delegations this server holds for {@code devId} that are in force now. */
  public List<DelegationGrant> inForce(String devId) {
    return grants.values().stream()
        .filter(g -> g.devId().equals(devId) && g.inForceAt(clock.instant()))
        .toList();
  }

  /** A refusal; its line may carry what an unverified peer wrote, so it is escaped and cut. */
  private HttpAnswer refuse(int status, String line) {
    String fit = WireText.escape(line, 300);
    log.warn(fit);
    return HttpAnswer.text(status, "refused: " + fit);
  }

  static Optional<String> field(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key + "=")) {
        return Optional.of(line.substring(key.length() + 1));
      }
    }
    return Optional.empty();
  }
}
