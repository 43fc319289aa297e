package io.dmagent.transport.http;

import io.dmagent.api.report.ReportChannel;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sessionless reports over HTTP(S): one POST of the envelope to the report address, with the DM
 * message's Content-Type, on the agent's HTTP binding (its limits, TLS and idle connections). A 2xx
 * answer is the acknowledgement; any other status, a timeout or a failed connection is an {@link
 * IOException}, and the report is sent again later. An https address is checked as a session's is
 * (the server's certificate against the configured CAs); plain http is the address's explicit
 * choice.
 */
@Component(service = ReportChannel.class)
public final class HttpReportChannel implements ReportChannel {
  private final DmTransport http;

  @Activate
  public HttpReportChannel(
      @Reference(target = "(component.name=io.dmagent.transport.http.HttpTransport)")
          DmTransport http) {
    this.http = http;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public void deliver(URI destination, String contentType, byte[] message) throws IOException {
    DmMediaType type =
        DmMediaType.fromContentType(contentType)
            .orElseThrow(() -> new IOException("not a DM message type: " + contentType));
    boolean secure =
        "https".equals(String.valueOf(destination.getScheme()).toLowerCase(Locale.ROOT));
    try (TransportSession session =
        http.open(destination, secure ? ChannelSecurity.tls() : ChannelSecurity.plaintext())) {
      TransportResponse answer = session.exchange(TransportRequest.of(destination, message, type));
      if (answer.status() < 200 || answer.status() > 299) {
        throw new IOException(
            "report refused by " + destination.getHost() + ": HTTP " + answer.status());
      }
    }
  }
}
