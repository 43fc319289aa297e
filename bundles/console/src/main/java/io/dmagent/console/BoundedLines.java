package io.dmagent.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a console's input, each at most {@link #MAX_LINE} characters: a longer line is read to
 * its end and answered as too long, so no input makes the console hold more than one line.
 */
final class BoundedLines {
  static final int MAX_LINE = 64 * 1024;

  /** Returned for a line longer than {@link #MAX_LINE}. */
  static final String TOO_LONG = "\u0000too long";

  private final Reader in;

  BoundedLines(InputStream in) {
    this.in =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /** The next line without its end ({@code \n}, {@code \r\n}), or null at the end of input. */
  String next() throws IOException {
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (line.length() < MAX_LINE) {
        line.append((char) c);
      } else {
        tooLong = true;
      }
    }
    if (c == -1 && line.isEmpty() && !tooLong) {
      return null;
    }
    if (tooLong) {
      return TOO_LONG;
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }
}
