package io.dmagent.server.tls;

import io.dmagent.server.http.ServerChannels;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * TLS-PSK through BouncyCastle's TLS API (TLS 1.2 PSK suites; no JSSE provider has them): devices
 * prove they hold the pre-shared key of their identity.
 */
final class PskChannels implements ServerChannels {
  private final TlsPSKIdentityManager keys;
  private final SecureRandom random = new SecureRandom();

  PskChannels(TlsPSKIdentityManager keys) {
    this.keys = keys;
  }

  @Override
  public Streams open(Socket tcp) throws IOException {
    TlsServerProtocol protocol = new TlsServerProtocol(tcp.getInputStream(), tcp.getOutputStream());
    protocol.accept(new PSKTlsServer(new BcTlsCrypto(random), keys));
    return new Streams(protocol.getInputStream(), protocol.getOutputStream());
  }

  @Override
  public String scheme() {
    return "https";
  }

  @Override
  public String failure(IOException e) {
    if (e instanceof TlsFatalAlert alert) {
      short d = alert.getAlertDescription();
      if (d == AlertDescription.decrypt_error || d == AlertDescription.bad_record_mac) {
        return "the device's pre-shared key does not match (alert "
            + AlertDescription.getText(d)
            + ")";
      }
      if (d == AlertDescription.unknown_psk_identity) {
        return "unknown PSK identity";
      }
      return "TLS-PSK alert " + AlertDescription.getText(d);
    }
    if (e instanceof TlsFatalAlertReceived received) {
      return "the device ended the handshake (alert "
          + AlertDescription.getText(received.getAlertDescription())
          + ")";
    }
    return String.valueOf(e.getMessage());
  }
}
