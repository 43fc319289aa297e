package io.dmagent.server.notify;

import io.dmagent.server.DeviceAuth;
import io.dmagent.server.push.PushAddress;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.PushPayload;
import io.dmagent.server.push.PushSenders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Wakes a device: builds its package #0, signs it with the server's credentials for it, and pushes
 * it over the device's binding. Requested MOs the registry does not know are left out and said so.
 */
public final class Notifier {
  private final String serverId;
  private final DeviceCredentials credentials;
  private final PushDirectory directory;
  private final PushSenders senders;
  private final Package0Encoder encoder;
  private final Consumer<String> info;
  private final SecureRandom random = new SecureRandom();

  public Notifier(
      String serverId,
      DeviceCredentials credentials,
      PushDirectory directory,
      PushSenders senders,
      Package0Encoder encoder,
      Consumer<String> info) {
    this.serverId = serverId;
    this.credentials = credentials;
    this.directory = directory;
    this.senders = senders;
    this.encoder = encoder;
    this.info = info;
  }

  /**
   * Sends the notification and says in one line what was sent and what the device answered.
   *
   * @throws NotifyException for an unknown device, one without an address for the binding, or a
   *     push that failed
   */
  public String notify(String devId, NotifyOptions options) throws NotifyException {
    if (!credentials.knows(devId) && !directory.names(devId)) {
      throw new NotifyException("no device " + devId + " (dmserver:devices lists them)");
    }
    if (options.out().isPresent()) {
      return write(devId, options, options.out().get());
    }
    PushAddress to =
        directory
            .address(devId, options.binding())
            .orElseThrow(
                () ->
                    new NotifyException(
                        "no "
                            + options.binding().map(b -> b + " ").orElse("")
                            + "push address for "
                            + devId
                            + " (configure pushAddresses or defaultPushAddresses)"));
    int session = options.sessionId().orElseGet(() -> 1 + random.nextInt(0xFFFF));
    List<String> skipped = new ArrayList<>();
    Notification n = notification(options, session, skipped);
    String password = credentials.auth(devId).map(DeviceAuth::serverSecret).orElse("");
    byte[] bytes = encoder.encode(options.format(), n, password, credentials.serverNonce(devId));
    String answer;
    try {
      answer = senders.send(to, devId, new PushPayload(options.format().contentType(), bytes));
    } catch (IOException | IllegalArgumentException e) {
      throw new NotifyException(
          "notification to " + devId + " over " + to + " failed: " + e.getMessage());
    }
    String line =
        "notified "
            + devId
            + " over "
            + to
            + ": DM "
            + (options.format() == NotificationFormat.DM12 ? "1.2" : "1.3")
            + " package #0 of "
            + bytes.length
            + " bytes, session "
            + Integer.toHexString(session).toUpperCase(Locale.ROOT)
            + ", ui "
            + options.uiMode().name().toLowerCase(Locale.ROOT)
            + (skipped.isEmpty() ? "" : ", MOs not in the registry left out: " + skipped)
            + "; answer: "
            + answer;
    info.accept(line);
    return line;
  }

  /** {@code --out}: the notification the device would be sent, in a file, for another tool. */
  private String write(String devId, NotifyOptions options, Path file) throws NotifyException {
    int session = options.sessionId().orElseGet(() -> 1 + random.nextInt(0xFFFF));
    List<String> skipped = new ArrayList<>();
    Notification n = notification(options, session, skipped);
    String password = credentials.auth(devId).map(DeviceAuth::serverSecret).orElse("");
    byte[] bytes = encoder.encode(options.format(), n, password, credentials.serverNonce(devId));
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new NotifyException("notification for " + devId + " not written to " + file + ": " + e);
    }
    return "wrote "
        + describe(options, bytes, session, skipped)
        + " for "
        + devId
        + " to "
        + file
        + " ("
        + options.format().contentType().mimeType()
        + ")";
  }

  private static String describe(
      NotifyOptions options, byte[] bytes, int session, List<String> skipped) {
    return "DM "
        + (options.format() == NotificationFormat.DM12 ? "1.2" : "1.3")
        + " package #0 of "
        + bytes.length
        + " bytes, session "
        + Integer.toHexString(session).toUpperCase(Locale.ROOT)
        + ", ui "
        + options.uiMode().name().toLowerCase(Locale.ROOT)
        + (skipped.isEmpty() ? "" : ", MOs not in the registry left out: " + skipped);
  }

  private Notification notification(NotifyOptions o, int session, List<String> skipped) {
    Notification n = Notification.of(o.format().version(), o.uiMode(), session, serverId);
    if (o.format() == NotificationFormat.DM12) {
      return n;
    }
    List<Integer> mos = new ArrayList<>();
    for (String urn : o.requestedMos()) {
      OptionalInt index = MoRegistry.index(urn);
      if (index.isPresent()) {
        mos.add(index.getAsInt());
      } else {
        skipped.add(urn);
      }
    }
    return n.withRequestedMos(mos).withConnectReason(o.reason());
  }
}
