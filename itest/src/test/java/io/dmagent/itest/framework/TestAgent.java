package io.dmagent.itest.framework;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent's bundles in the framework, pointed at a server the way an operator points them: {@code
 * givenAgent().with(presenting("DIGEST", name, secret)).using(WBXML).connectedTo(server)}. Sessions
 * are asked for through {@link ManagementSessions}, the tree is read through {@link DmTree}, both
 * as any bundle sees them.
 */
public final class TestAgent {
  private final InFramework framework;
  private final String devId;
  private final String serverId;

  private TestAgent(InFramework framework, String devId, String serverId) {
    this.framework = framework;
    this.devId = devId;
    this.serverId = serverId;
  }

  public String devId() {
    return devId;
  }

  /**
   * Opens a client-initiated session with the account's server and waits for its end. The account
   * is written into ./DMAcc by its component once configured; until then the agent knows no such
   * server, which is waited out.
   */
  public SessionReport session() throws Exception {
    ManagementSessions sessions = framework.service(ManagementSessions.class);
    Instant deadline = Instant.now().plus(InFramework.PATIENCE);
    while (true) {
      try {
        return sessions
            .start(SessionRequest.clientInitiated(serverId))
            .toCompletableFuture()
            .get(InFramework.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof IllegalArgumentException)
            || Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  /** A node's value as the device itself reads it; empty when the node does not exist. */
  public Optional<String> value(String uri) throws Exception {
    try {
      return tree()
          .operations(Principal.device())
          .get(NodeUri.of(uri))
          .value()
          .map(NodeValue::text);
    } catch (DmException e) {
      if (e.status() == StatusCode.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The status the tree answers {@code serverId}'s Get of {@code uri} with. */
  public StatusCode getAs(String serverId, String uri) throws Exception {
    try {
      tree().operations(Principal.server(serverId)).get(NodeUri.of(uri));
      return StatusCode.OK;
    } catch (DmException e) {
      return e.status();
    }
  }

  private DmTree tree() throws InterruptedException {
    return framework.service(DmTree.class);
  }

  /** What the agent is to be, before it is pointed at a server. */
  public static final class Builder {
    private final InFramework framework;
    private String devId = "urn:uuid:1f6c3f0e-4b1a-4f2e-9d7e-itest0000001";
    private Account account = Account.anonymous();
    private Encoding encoding = Encoding.WBXML;

    Builder(InFramework framework) {
      this.framework = framework;
    }

    public Builder identifiedAs(String devId) {
      this.devId = Objects.requireNonNull(devId);
      return this;
    }

    public Builder with(Account account) {
      this.account = Objects.requireNonNull(account);
      return this;
    }

    /** The encoding of the agent's first package (later ones follow the server's). */
    public Builder using(Encoding encoding) {
      this.encoding = Objects.requireNonNull(encoding);
      return this;
    }

    /**
     * Configures the agent for {@code server}: its identity, the encoding, the HTTP binding's trust
     * in the server's demo CA, and the account. Returns once the components run with it.
     */
    public TestAgent connectedTo(TestServer server) throws Exception {
      framework.configure(
          "io.dmagent.stdobj",
          Map.of("devId", devId, "manufacturer", "ACME"),
          Object.class,
          "io.dmagent.api.mo.ManagementObject");
      Map<String, Object> http = new HashMap<>();
      http.put("connectTimeoutMillis", 5000);
      http.put("readTimeoutMillis", 10000);
      if (server.transport() == Transport.HTTPS) {
        http.put("trustStore", server.caStore.toString());
        http.put("trustStorePassword", "itest-demo");
      }
      framework.configure("io.dmagent.transport.http", http, DmTransport.class);
      Map<String, Object> protocol = new HashMap<>();
      protocol.put("encoding", encoding.name());
      protocol.put("attempts", 1);
      framework.configure("io.dmagent.protocol", protocol, ManagementSessions.class);
      Map<String, Object> dmAcc = new HashMap<>();
      dmAcc.put("serverId", server.serverId());
      dmAcc.put("address", server.uri().toString());
      dmAcc.put("authType", account.authType());
      dmAcc.put("authName", account.authName());
      dmAcc.put("authSecret", account.authSecret());
      dmAcc.put("serverAuthSecret", account.serverSecret());
      framework.configureFactory("io.dmagent.protocol.account", dmAcc);
      return new TestAgent(framework, devId, server.serverId());
    }
  }
}
