package io.dmagent.server;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.Meta;
import io.dmagent.server.script.Step;
import io.dmagent.server.script.StepCompiler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value too large for one message of the device's MaxMsgSize, sent as a large object: one chunk a
 * message, each but the last with MoreData, the first with Meta Size (the whole value's bytes). The
 * device answers 213 to each chunk but the last.
 */
final class OutgoingObject {
  /** The least a chunk carries, so that a tiny MaxMsgSize still makes progress. */
  private static final int MIN_CHUNK = 16;

  private final Step.NodeCommand step;
  private final String value;
  private final long size;
  private int offset;
  private String firstCmdId;

  OutgoingObject(Step.NodeCommand step) {
    this.step = step;
    this.value = step.value().orElse("");
    this.size = value.getBytes(StandardCharsets.UTF_8).length;
  }

  boolean hasMore() {
    return offset < value.length();
  }

  /** The CmdID of the first chunk, under which the command is recorded. */
  Optional<String> firstCmdId() {
    return Optional.ofNullable(firstCmdId);
  }

  /** The next chunk as a command of at most {@code budget} bytes (or a minimal chunk). */
  Command next(long budget, Supplier<String> cmdIds, MessageCodec codec, Encoding encoding) {
    String cmdId = cmdIds.get();
    if (firstCmdId == null) {
      firstCmdId = cmdId;
    }
    int base = codec.encodedSize(chunk(cmdId, 0, false), encoding);
    long room = Math.max(MIN_CHUNK, budget - base);
    int end = fit(offset, room);
    Command candidate = chunk(cmdId, end, end < value.length());
    // XML escaping can make a chunk longer than its UTF-8 bytes: shrink until it fits.
    for (int tries = 0; tries < 8 && end - offset > MIN_CHUNK; tries++) {
      long over = codec.encodedSize(candidate, encoding) - budget;
      if (over <= 0) {
        break;
      }
      end = fit(offset, Math.max(MIN_CHUNK, (end - offset) - over - 8));
      candidate = chunk(cmdId, end, end < value.length());
    }
    offset = end;
    return candidate;
  }

  private Command chunk(String cmdId, int end, boolean more) {
    boolean first = offset == 0;
    String data = value.substring(offset, Math.max(offset, end));
    var item = StepCompiler.item(step, Optional.of(ItemData.text(data))).withMoreData(more);
    if (first) {
      item = item.withMeta(item.meta().orElse(Meta.EMPTY).withSize(size));
    }
    return new ItemCommand(step.name(), cmdId, false, Optional.empty(), List.of(item));
  }

  /** The end index of the longest run from {@code from} whose UTF-8 form fits {@code bytes}. */
  private int fit(int from, long bytes) {
    long used = 0;
    int i = from;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + len > bytes && i > from) {
        break;
      }
      used += len;
      i += Character.charCount(cp);
    }
    return i;
  }
}
