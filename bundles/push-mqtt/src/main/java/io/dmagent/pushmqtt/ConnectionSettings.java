package io.dmagent.pushmqtt;

import javax.net.SocketFactory;

/**
 * What a {@link MqttConnection} needs: the broker, who the agent is to it, the push topic and the
 * limits. The password is kept as characters and never printed.
 */
record ConnectionSettings(
    Broker broker,
    String clientId,
    String userName,
    char[] password,
    SocketFactory socketFactory,
    String pushTopic,
    int keepAliveSeconds,
    int maxInflight,
    int connectTimeoutSeconds,
    int maxReconnectDelayMillis) {

  @Override
  public String toString() {
    return "ConnectionSettings[" + broker.pahoUri() + ", client " + clientId + "]";
  }
}
