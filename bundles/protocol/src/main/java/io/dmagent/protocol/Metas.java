package io.dmagent.protocol;

import io.dmagent.api.message.Item;
import io.dmagent.api.message.Meta;
import java.util.Optional;
import java.util.OptionalLong;

/** Meta of an item as it applies: the item's own values over those of its command. */
final class Metas {
  private Metas() {}

  static Meta effective(Optional<Meta> commandMeta, Item item) {
    Meta base = commandMeta.orElse(Meta.EMPTY);
    if (item.meta().isEmpty()) {
      return base;
    }
    Meta own = item.meta().get();
    return new Meta(
        own.format().or(base::format),
        own.type().or(base::type),
        own.mark().or(base::mark),
        firstOf(own.size(), base.size()),
        own.nextNonce().or(base::nextNonce),
        firstOf(own.maxMsgSize(), base.maxMsgSize()),
        firstOf(own.maxObjSize(), base.maxObjSize()),
        own.emi().isEmpty() ? base.emi() : own.emi());
  }

  private static OptionalLong firstOf(OptionalLong a, OptionalLong b) {
    return a.isPresent() ? a : b;
  }
}
