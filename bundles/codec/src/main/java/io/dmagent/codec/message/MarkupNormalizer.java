package io.dmagent.codec.message;

import io.dmagent.codec.description.XmlChars;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Puts embedded markup into the one form the model holds, whatever encoding or indentation it came
 * in, so that XML and WBXML messages decode to equal models: white space between elements is
 * dropped (text of an element that has no child element is kept as it is, white space included),
 * and elements without a namespace or in the SyncML one they inherit from the message are in the DM
 * DDF namespace, as an embedded MgmtTree is.
 */
final class MarkupNormalizer implements MarkupHandler {
  private final MarkupHandler target;
  private final StringBuilder pending = new StringBuilder();

  /** Per open element: whether it has had a child element. */
  private final Deque<Boolean> hadChild = new ArrayDeque<>();

  MarkupNormalizer(MarkupHandler target) {
    this.target = target;
  }

  @Override
  public void start(String namespace, String name) {
    if (!hadChild.isEmpty()) {
      flush(false);
      hadChild.pop();
      hadChild.push(true);
    }
    target.start(Namespaces.isSyncMl(namespace) ? Namespaces.DDF : namespace, name);
    hadChild.push(false);
  }

  @Override
  public void text(String text) {
    pending.append(text);
  }

  @Override
  public void end() {
    flush(!hadChild.pop());
    target.end();
  }

  private void flush(boolean keepBlank) {
    if (pending.length() > 0 && (keepBlank || !XmlChars.isBlank(pending))) {
      target.text(pending.toString());
    }
    pending.setLength(0);
  }
}
