/**
 * A durable store-and-forward outbox for whatever the agent must deliver to a server later (Generic
 * Alerts, sessionless reports, policy results): {@link io.dmagent.api.outbox.Outbox}, its entries
 * and what it does when full.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.outbox;
