package io.dmagent.api.report;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Carries a sessionless report to its receiver, for the URI schemes it names ({@code http} and
 * {@code https} by the HTTP binding, {@code mqtt} and {@code mqtts} by the MQTT binding): a
 * whiteboard the sessionless bundle picks from by the scheme of a server's report address.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ReportChannel {

  /** The URI schemes it carries. */
  Set<String> schemes();

  /**
   * Delivers {@code message} (a DM message of {@code contentType}) to {@code destination} and
   * returns once the receiver acknowledged it (an HTTP 2xx, an MQTT PUBACK).
   *
   * @throws IOException when it was not acknowledged: the report stays and is sent again later
   */
  void deliver(URI destination, String contentType, byte[] message) throws IOException;
}
