package io.dmagent.hw.smartcard;

import java.util.Collection;

/** What the reader watcher tells: a card read, a card gone, the cards seen at the first look. */
interface CardEvents {
  void inserted(String origin, CardContent content);

  void removed(String origin);

  /** Once, after the first look at the readers: the origins of the cards in them. */
  void present(Collection<String> origins);

  /** Called on the watcher's thread between looks: time for work put off (a late service). */
  default void idle() {}
}
