package io.dmagent.pushmqtt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The broker, the credentials and the topics of the MQTT push binding. */
@ObjectClassDefinition(
    name = "DM Agent MQTT push binding",
    description =
        "Receives pushes (package #0, sessionless commands) from an MQTT broker and publishes"
            + " sessionless reports to it.")
public @interface MqttPushConfig {
  String PID = "io.dmagent.push.mqtt";

  @AttributeDefinition(description = "The broker: tcp://host:port or ssl://host:port (TLS).")
  String brokerUri() default "tcp://127.0.0.1:1883";

  @AttributeDefinition(
      description = "The device id in the topics; empty: ./DevInfo/DevId of the tree.",
      required = false)
  String devId() default "";

  @AttributeDefinition(
      description =
          "MQTT client id; empty: dmagent- followed by the device id. It must stay the same across"
              + " restarts: the broker keeps the session (and the pushes sent meanwhile) under it.",
      required = false)
  String clientId() default "";

  @AttributeDefinition(description = "User name for the broker; empty: none.", required = false)
  String userName() default "";

  @AttributeDefinition(
      description = "Password for the broker.",
      type = AttributeType.PASSWORD,
      required = false)
  String password() default "";

  @AttributeDefinition(
      description = "Trust store (PKCS12 or JKS) for ssl://; empty: the JVM's trusted CAs.",
      required = false)
  String trustStore() default "";

  @AttributeDefinition(
      description = "Password of the trust store.",
      type = AttributeType.PASSWORD,
      required = false)
  String trustStorePassword() default "";

  @AttributeDefinition(
      description =
          "Key store (PKCS12 or JKS) with the client certificate for ssl://; empty: none.",
      required = false)
  String keyStore() default "";

  @AttributeDefinition(
      description = "Password of the key store and its key.",
      type = AttributeType.PASSWORD,
      required = false)
  String keyStorePassword() default "";

  @AttributeDefinition(
      description = "Topic the agent subscribes to (QoS 1); {DevId} is replaced by the device id.")
  String pushTopic() default "dm/{DevId}/push";

  @AttributeDefinition(
      description =
          "Topic a report goes to when its mqtt:// address names no path; {DevId} is replaced.")
  String reportTopic() default "dm/{DevId}/reports";

  @AttributeDefinition(description = "MQTT keep-alive interval, seconds.")
  int keepAliveSeconds() default 60;

  @AttributeDefinition(
      description = "QoS 1 publishes in flight at once (reports pipelined by concurrent senders).")
  int maxInflight() default 1000;

  @AttributeDefinition(description = "Longest wait for a connection to the broker, seconds.")
  int connectTimeoutSeconds() default 10;

  @AttributeDefinition(
      description =
          "Longest pause between two connection attempts while the broker is away, milliseconds"
              + " (attempts start after 500 ms and double up to this).")
  int maxReconnectDelayMillis() default 30000;

  @AttributeDefinition(description = "Longest wait for a report's PUBACK, seconds.")
  int deliveryTimeoutSeconds() default 30;
}
