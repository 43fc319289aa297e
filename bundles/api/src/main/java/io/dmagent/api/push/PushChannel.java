package io.dmagent.api.push;

/**
 * A push binding that is listening, registered by the binding's bundle for as long as it listens:
 * what the operator's console and the feature discovery of DevDetail/Ext list, and what goes away
 * when the binding's bundle is removed.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PushChannel {

  /** The binding's name as in {@link PushMessage#binding()}: http, sip, wap, mqtt. */
  String binding();

  /**
   * Where it listens, for people: {@code udp://0.0.0.0:2948}, {@code
   * http://127.0.0.1:8088/dm/push}, {@code mqtt://broker:1883 topic dm/IMEI:1234/push}.
   */
  String endpoint();
}
