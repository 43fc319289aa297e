/**
 * Sessionless reporting: what the agent sends a server without a management session (Generic
 * Alerts, command outcomes, policy results), durable before it is acknowledged, and the channels
 * that carry it (HTTP POST, MQTT publish).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.dmagent.api.report;
