/**
 * The MQTT push binding: an Eclipse Paho client that subscribes QoS 1 to the device's push topic
 * and hands each push frame to the {@link io.dmagent.api.push.PushReceiver}, and that publishes
 * sessionless reports QoS 1 over the same connection ({@link io.dmagent.api.report.ReportChannel}
 * for {@code mqtt} and {@code mqtts}). Installed by the feature {@code dm-push-mqtt}.
 */
package io.dmagent.pushmqtt;
