package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.SyncHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Fills one message from the head of the outgoing queue without going over the server's MaxMsgSize
 * (digest 6.1): whole commands while they fit, CmdIDs numbered from 1 in each message. A Results
 * too big for the room left is split by items, and a single item too big for any message goes as a
 * large object (digest 6.3): chunks with MoreData, Meta Size on the first only, the rest left at
 * the head of the queue for the next message. Room is always kept for an Alert 1222.
 */
final class MessageSplitter {
  private final MessageSizer sizer;

  MessageSplitter(MessageSizer sizer) {
    this.sizer = sizer;
  }

  /** Takes from {@code queue} what goes into the next message, CmdIDs given. */
  List<Outgoing> fill(SyncHeader header, Deque<Outgoing> queue, long maxMsgSize, Encoding enc) {
    long room =
        maxMsgSize
            - sizer.overhead(header, enc)
            - sizer.size(Alert.of("999", Alert.NEXT_MESSAGE), enc);
    List<Outgoing> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      String cmdId = Integer.toString(out.size() + 1);
      Outgoing head = queue.peekFirst();
      Outgoing numbered = head.withCommand(head.command().withCmdId(cmdId));
      int size = sizer.size(numbered.command(), enc);
      if (size <= room) {
        queue.removeFirst();
        out.add(numbered);
        room -= size;
        continue;
      }
      Optional<Outgoing> part =
          head.command() instanceof Results r
              ? cut(r, head, cmdId, room, enc, queue)
              : Optional.empty();
      if (part.isPresent()) {
        out.add(part.get());
      } else if (out.isEmpty()) {
        // Bigger than any message and not a Results to cut: sent alone over the limit rather than
        // never (the server may still take it).
        queue.removeFirst();
        out.add(numbered);
      }
      break;
    }
    return out;
  }

  /**
   * Cuts what fits in {@code room} off the head Results: its first whole items, or else a chunk of
   * its first item. The head of the queue becomes the rest.
   */
  private Optional<Outgoing> cut(
      Results r, Outgoing head, String cmdId, long room, Encoding enc, Deque<Outgoing> queue) {
    List<Item> items = r.items();
    int fit = 0;
    while (fit < items.size()
        && sizer.size(with(r, cmdId, items.subList(0, fit + 1)), enc) <= room) {
      fit++;
    }
    if (fit > 0) {
      queue.removeFirst();
      queue.addFirst(
          new Outgoing(
              with(r, r.cmdId(), items.subList(fit, items.size())), head.onStatus(), false));
      return Optional.of(head.withCommand(with(r, cmdId, items.subList(0, fit))));
    }
    Item big = items.get(0);
    if (big.data().isEmpty()) {
      return Optional.empty();
    }
    ItemData data = big.data().get();
    byte[] bytes = data.bytes();
    Meta meta = big.meta().orElse(Meta.EMPTY);
    Meta firstMeta = head.continuesObject() ? meta : meta.withSize(bytes.length);
    int take = (int) Math.min(bytes.length - 1L, room);
    Results chunk = null;
    while (take > 0 && chunk == null) {
      take = utf8Boundary(data, bytes, take);
      Results candidate =
          with(r, cmdId, List.of(piece(big, firstMeta, data, bytes, 0, take, true)));
      long excess = sizer.size(candidate, enc) - room;
      if (excess <= 0) {
        chunk = candidate;
      } else {
        // XML escaping makes text longer than its bytes: shrink by what is too much.
        take -= (int) Math.max(1, excess);
      }
    }
    if (chunk == null) {
      return Optional.empty();
    }
    List<Item> rest = new ArrayList<>();
    rest.add(piece(big, withoutSize(meta), data, bytes, take, bytes.length, false));
    rest.addAll(items.subList(1, items.size()));
    queue.removeFirst();
    queue.addFirst(new Outgoing(with(r, r.cmdId(), rest), head.onStatus(), true));
    return Optional.of(head.withCommand(chunk));
  }

  private static Item piece(
      Item item, Meta meta, ItemData kind, byte[] bytes, int from, int to, boolean more) {
    byte[] part = Arrays.copyOfRange(bytes, from, to);
    ItemData data =
        kind instanceof ItemData.Opaque
            ? ItemData.opaque(part)
            : ItemData.text(new String(part, StandardCharsets.UTF_8));
    return new Item(
        item.target(),
        item.source(),
        meta.isEmpty() ? Optional.empty() : Optional.of(meta),
        Optional.of(data),
        more);
  }

  /** Never cuts a UTF-8 sequence of a text in two. */
  private static int utf8Boundary(ItemData data, byte[] bytes, int take) {
    if (data instanceof ItemData.Opaque) {
      return take;
    }
    int t = take;
    while (t > 0 && (bytes[t] & 0xC0) == 0x80) {
      t--;
    }
    return t;
  }

  private static Meta withoutSize(Meta m) {
    return new Meta(
        m.format(),
        m.type(),
        m.mark(),
        OptionalLong.empty(),
        m.nextNonce(),
        m.maxMsgSize(),
        m.maxObjSize(),
        m.emi());
  }

  private static Results with(Results r, String cmdId, List<Item> items) {
    return new Results(
        cmdId, r.msgRef(), r.cmdRef(), r.meta(), r.targetRef(), r.sourceRef(), items);
  }
}
