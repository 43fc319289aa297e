/**
 * Transport bindings move a DM message's bytes between client and server; they know nothing of its
 * content. The protocol engine opens one {@link io.dmagent.api.transport.TransportSession} per DM
 * session.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.dmagent.api.transport;
