package io.dmagent.server.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads an answer's head line by line from a stream, never more than a bound. */
final class BoundedReader {
  static final int MAX_HEAD = 16 * 1024;

  private final InputStream in;
  private int read;

  BoundedReader(InputStream in) {
    this.in = in;
  }

  /** One line without its CRLF (or LF); null at the end of the stream. */
  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : text(line);
      }
      if (++read > MAX_HEAD) {
        throw new IOException("answer head longer than " + MAX_HEAD + " bytes");
      }
      if (b == '\n') {
        return text(line);
      }
      line.write(b);
    }
  }

  private static String text(ByteArrayOutputStream line) {
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
