package io.dmagent.transport.http;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager of a context without client certificates: it offers none, but remembers the
 * sockets whose server asked for one. Under TLS 1.3 a server that insists on a client certificate
 * only says so after the client's handshake has completed, often by dropping the connection while
 * the first request is sent; knowing it asked turns that lost connection into the reason it is.
 */
final class ClientCertificateProbe extends X509ExtendedKeyManager {
  private final Map<Socket, Boolean> asked = Collections.synchronizedMap(new WeakHashMap<>());

  boolean wasAsked(Socket socket) {
    return asked.containsKey(socket);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    if (socket != null) {
      asked.put(socket, Boolean.TRUE);
    }
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return null;
  }
}
