/**
 * Push: what a server sends to the agent outside a session (a package #0 notification, a
 * sessionless DM message), as push bindings receive it. A binding (HTTP, SIP, WAP, MQTT) only moves
 * bytes: it hands every {@link io.dmagent.api.push.PushMessage} to the one {@link
 * io.dmagent.api.push.PushReceiver} and answers its peer from the {@link
 * io.dmagent.api.push.PushVerdict}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.push;
