package io.dmagent.itest.framework;

import static io.dmagent.api.tree.StatusCode.OK;
import static io.dmagent.itest.framework.Account.presenting;
import static io.dmagent.itest.framework.DmAssertions.assertThat;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.security.SyncmlDigest;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A package #0 handed to the notification bundle's receiver, as a push binding hands it, starts a
 * server-initiated session with the reference server: all bundles real, in one Felix.
 */
class NotificationTest {
  @RegisterExtension final InFramework dm = new InFramework();

  @Test
  void a_verified_notification_starts_a_server_initiated_session_with_its_session_id()
      throws Exception {
    TestServer server =
        dm.givenServer(Transport.HTTP)
            .demanding("DIGEST", "gateway", "client-secret", "server-secret")
            .running("get ./DevInfo/DevId\n")
            .start();
    TestAgent agent =
        dm.givenAgent()
            .with(
                presenting("DIGEST", "gateway", "client-secret")
                    .checkingServerWith("server-secret"))
            .using(Encoding.XML)
            .connectedTo(server);
    BlockingQueue<SessionReport> ended = new LinkedBlockingQueue<>();
    dm.context.registerService(ManagementSessions.Listener.class, ended::add, null);
    byte[] nonce = serverNonce(server.serverId());

    PushVerdict verdict =
        dm.service(PushReceiver.class)
            .receive(
                new PushMessage(
                    "http",
                    "application/vnd.syncml.notification",
                    notification(server.serverId(), "server-secret", nonce, 0x2A),
                    "itest"));

    assertThat(verdict.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    SessionReport report = ended.poll(InFramework.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(report).isNotNull();
    assertThat(report.sessionId()).isEqualTo("2A");
    assertThat(report).completed();
    assertThat(server.results(agent.devId()).of("Get", "./DevInfo/DevId")).is(OK);
  }

  /** The SRVCRED nonce, once the account's component has written the account. */
  private byte[] serverNonce(String serverId) throws Exception {
    Accounts accounts = dm.service(Accounts.class);
    Instant deadline = Instant.now().plus(InFramework.PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      var account = accounts.find(serverId);
      if (account.isPresent()) {
        var srv = accounts.appAuth(account.get().node(), AppAuth.SRVCRED);
        if (srv.isPresent()) {
          return srv.get().nonce();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no account with server credentials for " + serverId);
  }

  /** A DM 1.2 package #0 (version 12, background, server-initiated) as a server builds it. */
  private static byte[] notification(String serverId, String secret, byte[] nonce, int sessionId) {
    byte[] id = serverId.getBytes(StandardCharsets.US_ASCII);
    long header = (12L << 54) | (1L << 52) | (1L << 51) | ((long) sessionId << 8) | id.length;
    ByteArrayOutputStream trigger = new ByteArrayOutputStream();
    for (int i = 0; i < 8; i++) {
      trigger.write((int) (header >>> (56 - 8 * i)));
    }
    trigger.writeBytes(id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SyncmlDigest.notification(serverId, secret, nonce, trigger.toByteArray()));
    out.writeBytes(trigger.toByteArray());
    return out.toByteArray();
  }
}
