package io.dmagent.protocol.outbox;

import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The stored form of one queued alert, an outbox entry's payload: {@code key=base64(value)} lines
 * closed by a CRC-32 of everything before it, so that bytes that are no alert are recognised
 * instead of being delivered as garbage. The id and the server are the outbox entry's.
 */
final class AlertRecord {
  private static final String VERSION = "1";

  private AlertRecord() {}

  static byte[] encode(GenericAlert a, int alertCode) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("v", VERSION);
    fields.put("type", a.type());
    fields.put("format", a.format().wireName());
    fields.put("mark", a.mark().wireName());
    a.source().ifPresent(s -> fields.put("source", s.toString()));
    a.correlator().ifPresent(c -> fields.put("correlator", c));
    if (alertCode != QueuedAlert.GENERIC_ALERT) {
      fields.put("code", Integer.toString(alertCode));
    }
    StringBuilder out = new StringBuilder();
    fields.forEach(
        (k, v) ->
            out.append(k).append('=').append(b64(v.getBytes(StandardCharsets.UTF_8))).append('\n'));
    out.append("data=").append(b64(a.data())).append('\n');
    String body = out.toString();
    return (body + "crc=" + crc(body) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The alert of a record, as the outbox entry {@code id} for {@code serverId}. */
  static QueuedAlert decode(byte[] bytes, String id, Optional<String> serverId)
      throws CorruptRecordException {
    return decode(bytes, id, fields -> serverId);
  }

  /**
   * The alert of a file the outbox of our own wrote before the outbox bundle (one file per alert):
   * its record names the server itself.
   */
  static QueuedAlert decodeFile(byte[] bytes, String id) throws CorruptRecordException {
    return decode(bytes, id, fields -> Optional.ofNullable(fields.get("server")));
  }

  private static QueuedAlert decode(
      byte[] bytes, String id, Function<Map<String, String>, Optional<String>> serverId)
      throws CorruptRecordException {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    int crcAt = text.lastIndexOf("crc=");
    if (crcAt < 0
        || !text.endsWith("\n")
        || !text.substring(crcAt + 4, text.length() - 1).equals(crc(text.substring(0, crcAt)))) {
      throw new CorruptRecordException("checksum missing or wrong");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    byte[] data = null;
    for (String line : text.substring(0, crcAt).split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new CorruptRecordException("malformed line");
      }
      byte[] value = unb64(line.substring(eq + 1));
      if (line.startsWith("data=")) {
        data = value;
      } else {
        fields.put(line.substring(0, eq), new String(value, StandardCharsets.UTF_8));
      }
    }
    if (!VERSION.equals(fields.get("v")) || data == null) {
      throw new CorruptRecordException("unknown version or no data");
    }
    try {
      GenericAlert alert =
          new GenericAlert(
              required(fields, "type"),
              NodeFormat.fromWireName(required(fields, "format"))
                  .orElseThrow(() -> new CorruptRecordException("format")),
              AlertMark.fromWireName(required(fields, "mark"))
                  .orElseThrow(() -> new CorruptRecordException("mark")),
              Optional.ofNullable(fields.get("source")).map(NodeUri::of),
              data,
              Optional.ofNullable(fields.get("correlator")));
      // Records written before Client Events existed have no code: they are Generic Alerts.
      int code = Integer.parseInt(fields.getOrDefault("code", "1226"));
      return new QueuedAlert(id, serverId.apply(fields), alert, code);
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException(e.getMessage());
    }
  }

  private static String required(Map<String, String> fields, String key)
      throws CorruptRecordException {
    String v = fields.get(key);
    if (v == null) {
      throw new CorruptRecordException("missing " + key);
    }
    return v;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(String s) throws CorruptRecordException {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException("bad base64");
    }
  }

  private static String crc(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    return Long.toHexString(crc.getValue());
  }

  /** A record that cannot be trusted. */
  static final class CorruptRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptRecordException(String message) {
      super(message);
    }
  }
}
