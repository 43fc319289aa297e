package io.dmagent.transport.http;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Turns a failed handshake into the one reason an operator can act on (expired, wrong host,
 * untrusted, client certificate refused, pre-shared key refused), read from the cause chain that
 * JSSE or BouncyCastle raised. Never includes key material: the exceptions of either stack carry
 * none.
 */
final class HandshakeFailure {
  private HandshakeFailure() {}

  static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof CertificateExpiredException) {
        return "the server's certificate has expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the server's certificate is not valid yet";
      }
      if (message.contains("no subject alternative") || message.contains("no name matching")) {
        return "the server's certificate is for another host (" + t.getMessage() + ")";
      }
      if (t instanceof CertPathBuilderException
          || message.contains("unable to find valid certification path")) {
        return "the server's certificate is not trusted (no path to a certificate of the trust"
            + " store)";
      }
      if (t instanceof TlsFatalAlertReceived received) {
        return "the server refused the handshake (alert "
            + AlertDescription.getText(received.getAlertDescription())
            + "): wrong pre-shared key or identity?";
      }
      if (t instanceof TlsFatalAlert alert) {
        return "the handshake failed (alert "
            + AlertDescription.getText(alert.getAlertDescription())
            + "): wrong pre-shared key?";
      }
      if (message.contains("bad_certificate")
          || message.contains("certificate_required")
          || message.contains("received fatal alert: certificate_unknown")) {
        return TlsConnector.CLIENT_CERTIFICATE_REFUSED;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException) {
        return "the server's certificate is not valid (" + t.getMessage() + ")";
      }
    }
    return String.valueOf(failure.getMessage());
  }
}
