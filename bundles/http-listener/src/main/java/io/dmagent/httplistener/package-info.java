/**
 * The agent's one HTTP server. Listening endpoints inside the agent (push over HTTP, a local
 * console) are servlets on the OSGi HTTP Whiteboard, served by Felix HTTP Jetty 12; this bundle
 * only configures it. Installed by the feature {@code dm-http-listener}, not in the default set.
 */
package io.dmagent.httplistener;
