package io.dmagent.pushmqtt;

/**
 * The device's topics: {@code {DevId}} in a configured topic replaced by the device id, which must
 * not hold the MQTT wildcards or a level separator (it would subscribe to other devices' pushes).
 */
final class DeviceTopics {
  static final String DEV_ID = "{DevId}";

  private DeviceTopics() {}

  static String expand(String topic, String devId) {
    if (devId.isEmpty() || devId.contains("+") || devId.contains("#") || devId.contains("/")) {
      throw new IllegalArgumentException(
          "DevId is empty or holds an MQTT wildcard or '/': it cannot name a topic");
    }
    String expanded = topic.trim().replace(DEV_ID, devId);
    if (expanded.isEmpty() || expanded.contains("+") || expanded.contains("#")) {
      throw new IllegalArgumentException("topic " + topic + " is empty or holds a wildcard");
    }
    return expanded;
  }

  /** The client id the broker keeps the agent's session under, unless one is configured. */
  static String clientId(String configured, String devId) {
    return configured.isBlank() ? "dmagent-" + devId : configured.trim();
  }
}
