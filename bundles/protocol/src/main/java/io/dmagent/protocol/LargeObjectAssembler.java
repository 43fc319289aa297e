package io.dmagent.protocol;

import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;
import io.dmagent.api.tree.StatusCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reassembles a large object the server sends in chunks (digest 6.3): an Add or Replace whose one
 * item carries MoreData, continued by the same command on the same target in the next messages.
 * Meta Size, the object's length as transported, comes with the first chunk and must not exceed the
 * agent's MaxObjSize (413); the reassembled object must have exactly that length (424). Nothing
 * reaches the tree before the last chunk.
 */
final class LargeObjectAssembler {
  /** What became of a chunk. */
  sealed interface Offer {}

  /** Buffered, more to come: answer 213. */
  record Buffered() implements Offer {}

  /** The object is refused with {@code code}; nothing is kept. */
  record Refused(int code) implements Offer {}

  /** The last chunk came: the command with the whole object, to run now. */
  record Whole(ItemCommand command) implements Offer {}

  private final long maxObjSize;
  private ItemCommand first;
  private long declared;
  private boolean opaque;
  private ByteArrayOutputStream buffer;

  LargeObjectAssembler(long maxObjSize) {
    this.maxObjSize = maxObjSize;
  }

  /** Whether {@code c} is a chunk: an Add or Replace with one item that carries MoreData. */
  static boolean startsChunks(Command c) {
    return c instanceof ItemCommand i
        && (i.name() == CommandName.ADD || i.name() == CommandName.REPLACE)
        && i.items().size() == 1
        && i.items().get(0).moreData();
  }

  boolean pending() {
    return first != null;
  }

  /** Whether {@code c} is the next chunk of the pending object. */
  boolean continues(Command c) {
    return pending()
        && c instanceof ItemCommand i
        && i.name() == first.name()
        && i.items().size() == 1
        && Objects.equals(i.items().get(0).targetUri(), first.items().get(0).targetUri());
  }

  Offer offer(ItemCommand chunk) {
    Item item = chunk.items().get(0);
    if (!pending()) {
      OptionalLong size = Metas.effective(chunk.meta(), item).size();
      if (size.isEmpty()) {
        return new Refused(StatusCode.INCOMPLETE_COMMAND.code());
      }
      if (size.getAsLong() > maxObjSize) {
        return new Refused(StatusCode.REQUEST_ENTITY_TOO_LARGE.code());
      }
      first = chunk;
      declared = size.getAsLong();
      buffer = new ByteArrayOutputStream();
      opaque = false;
    }
    byte[] bytes = ItemValues.bytes(item);
    opaque |= item.data().orElse(null) instanceof ItemData.Opaque;
    if ((long) buffer.size() + bytes.length > declared) {
      abandon();
      return new Refused(StatusCode.SIZE_MISMATCH.code());
    }
    buffer.writeBytes(bytes);
    if (item.moreData()) {
      return new Buffered();
    }
    if (buffer.size() != declared) {
      abandon();
      return new Refused(StatusCode.SIZE_MISMATCH.code());
    }
    ItemCommand whole = whole(chunk);
    abandon();
    return new Whole(whole);
  }

  /** The object in one piece, under the CmdID of its last chunk, which its Status answers. */
  private ItemCommand whole(ItemCommand last) {
    Item firstItem = first.items().get(0);
    byte[] bytes = buffer.toByteArray();
    ItemData data =
        opaque ? ItemData.opaque(bytes) : ItemData.text(new String(bytes, StandardCharsets.UTF_8));
    // Size described the transfer; the command runs as if the object had come in one piece.
    Meta meta = Metas.effective(first.meta(), firstItem);
    Meta unsized =
        new Meta(
            meta.format(),
            meta.type(),
            meta.mark(),
            OptionalLong.empty(),
            meta.nextNonce(),
            meta.maxMsgSize(),
            meta.maxObjSize(),
            meta.emi());
    Item item =
        new Item(
            firstItem.target(), firstItem.source(), Optional.of(unsized), Optional.of(data), false);
    return new ItemCommand(
        first.name(), last.cmdId(), last.noResp(), Optional.empty(), List.of(item));
  }

  /**
   * Drops the pending object (something else came before its last chunk) and returns its item,
   * without data, for the Alert 1225 that says so.
   */
  Item abandon() {
    Item item = first == null ? null : first.items().get(0);
    first = null;
    buffer = null;
    return item == null
        ? null
        : new Item(item.target(), item.source(), Optional.empty(), Optional.empty(), false);
  }
}
