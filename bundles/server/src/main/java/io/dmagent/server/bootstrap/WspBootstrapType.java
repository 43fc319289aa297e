package io.dmagent.server.bootstrap;

import io.dmagent.server.push.WapPushSender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The WSP encoding of a signed bootstrap's content type (WSP 8.4.2.24, Content-general-form):
 * {@code Value-length 0xC2 (application/vnd.syncml.dm+wbxml) 0x91 SEC 0x92 MAC-text 0x00}, with SEC
 * a Short-integer (0x80 | scheme) and MAC a text string of hex digits, as ProvBoot pushes them
 * (well-known parameters SEC 0x11 and MAC 0x12).
 */
final class WspBootstrapType {
  static final int DM_WBXML = 0x42;
  static final int SEC = 0x11;
  static final int MAC = 0x12;

  private WspBootstrapType() {}

  static byte[] encode(BootstrapMessage message) {
    ByteArrayOutputStream media = new ByteArrayOutputStream();
    media.write(0x80 | DM_WBXML);
    media.write(0x80 | SEC);
    media.write(0x80 | message.sec());
    media.write(0x80 | MAC);
    media.writeBytes(message.macHex().getBytes(StandardCharsets.US_ASCII));
    media.write(0x00);
    byte[] m = media.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (m.length <= 30) {
      out.write(m.length);
    } else {
      out.write(0x1F);
      out.writeBytes(WapPushSender.uintvar(m.length));
    }
    out.writeBytes(m);
    return out.toByteArray();
  }
}
