/**
 * The reference server's own HTTP/1.1 endpoint (plain, TLS, TLS-PSK). Listening endpoints inside
 * the agent are servlets on the OSGi HTTP Whiteboard (feature {@code dm-http-listener}, Felix HTTP
 * Jetty 12, bundle {@code io.dmagent.http-listener}); the reference server keeps this endpoint
 * because it needs a TLS-PSK listener (BouncyCastle's {@code PSKTlsServer}), which Jetty, built on
 * JSSE, cannot offer, and because it must run where no whiteboard is installed (tests, benchmarks).
 */
package io.dmagent.server.http;
