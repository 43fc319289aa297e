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
import java.util.zip.CRC32;

/**
 * The on-disk form of one queued alert: {@code key=base64(value)} lines closed by a CRC-32 of
 * everything before it, so a torn or bit-flipped file is recognised instead of being delivered as
 * garbage.
 */
final class AlertRecord {
  private static final String VERSION = "1";

  private AlertRecord() {}

  static byte[] encode(QueuedAlert queued) {
    GenericAlert a = queued.alert();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("v", VERSION);
    fields.put("id", queued.id());
    queued.serverId().ifPresent(s -> fields.put("server", s));
    fields.put("type", a.type());
    fields.put("format", a.format().wireName());
    fields.put("mark", a.mark().wireName());
    a.source().ifPresent(s -> fields.put("source", s.toString()));
    a.correlator().ifPresent(c -> fields.put("correlator", c));
    if (queued.alertCode() != QueuedAlert.GENERIC_ALERT) {
      fields.put("code", Integer.toString(queued.alertCode()));
    }
    StringBuilder out = new StringBuilder();
    fields.forEach(
        (k, v) ->
            out.append(k).append('=').append(b64(v.getBytes(StandardCharsets.UTF_8))).append('\n'));
    out.append("data=").append(b64(a.data())).append('\n');
    String body = out.toString();
    return (body + "crc=" + crc(body) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  static QueuedAlert decode(byte[] bytes) throws CorruptRecordException {
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
      return new QueuedAlert(
          required(fields, "id"), Optional.ofNullable(fields.get("server")), alert, code);
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
