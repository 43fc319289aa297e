package io.dmagent.itest.framework;

/** How the agent reaches the reference server: what the server listens with, and the scheme. */
public enum Transport {
  HTTP("PLAINTEXT", "http"),
  HTTPS("TLS", "https");

  final String serverSecurity;
  final String scheme;

  Transport(String serverSecurity, String scheme) {
    this.serverSecurity = serverSecurity;
    this.scheme = scheme;
  }
}
