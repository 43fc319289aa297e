/**
 * The SyncML DM representation protocol as small immutable values: a {@link SyncMessage} with its
 * {@link SyncHeader} and {@link Command}s, and the {@link MessageCodec} that turns them into XML or
 * WBXML bytes and back. Protocol engine, reference server and codec all speak this model; none of
 * them sees another's internals.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.message;
