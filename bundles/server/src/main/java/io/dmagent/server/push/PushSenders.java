package io.dmagent.server.push;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** One sender per binding; a push goes to the one its address names. */
public final class PushSenders {
  private final Map<PushBinding, PushSender> senders = new EnumMap<>(PushBinding.class);

  public PushSenders(String serverId, String mqttTopic, Duration timeout) {
    senders.put(PushBinding.HTTP, new HttpPushSender(timeout));
    senders.put(PushBinding.SIP, new SipPushSender(serverId, timeout));
    senders.put(PushBinding.WAP, new WapPushSender());
    senders.put(PushBinding.MQTT, new MqttPushSender(mqttTopic, timeout));
  }

  public String send(PushAddress to, String devId, PushPayload payload) throws IOException {
    return senders.get(to.binding()).send(to, devId, payload);
  }
}
