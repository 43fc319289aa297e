package io.dmagent.sessionless;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushContentHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code SessionlessCommands}: while the DM message handler is registered. */
@Component(service = OptionalFeature.class)
public final class CommandsFeature implements OptionalFeature {
  @Activate
  public CommandsFeature(
      @Reference(
              target = "(" + PushContentHandler.CONTENT_TYPES + "=application/vnd.syncml.dm+xml)")
          PushContentHandler handler) {
    // Only its presence matters.
  }

  @Override
  public String name() {
    return "SessionlessCommands";
  }

  @Override
  public String description() {
    return "signed DM messages pushed by a server run outside a session";
  }
}
