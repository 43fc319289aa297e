package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Server-initiated bootstrap: the handler of signed pushes of DM messages and CP documents (the
 * notification bundle routes a push whose content type carries {@code SEC} here). Whatever binding
 * carried it, a push is {@link BootstrapSource#WAP_PUSH}: only its MAC vouches for it.
 */
@Component(
    service = PushContentHandler.class,
    property = {
      PushContentHandler.CONTENT_TYPES + "=application/vnd.syncml.dm+wbxml",
      PushContentHandler.CONTENT_TYPES + "=application/vnd.syncml.dm+xml",
      PushContentHandler.CONTENT_TYPES + "=application/vnd.wap.connectivity-wbxml",
      PushContentHandler.CONTENT_TYPES + "=text/vnd.wap.connectivity-xml",
      PushContentHandler.SIGNED_BOOTSTRAP + ":Boolean=true"
    })
public final class PushedBootstrap implements PushContentHandler {
  private final Bootstrapper bootstrapper;

  @Activate
  public PushedBootstrap(@Reference Bootstrapper bootstrapper) {
    this.bootstrapper = bootstrapper;
  }

  @Override
  public PushVerdict handle(PushMessage push) {
    BootstrapResult r =
        bootstrapper.apply(
            new BootstrapMessage(
                BootstrapSource.WAP_PUSH,
                push.contentType(),
                push.body(),
                push.binding() + " " + push.origin(),
                false));
    return PushVerdict.of(outcome(r.outcome()), r.reason());
  }

  static PushOutcome outcome(BootstrapResult.Outcome outcome) {
    return switch (outcome) {
      case APPLIED -> PushOutcome.ACCEPTED;
      case UNCHANGED -> PushOutcome.DUPLICATE;
      case NOT_AUTHENTIC, NOT_ALLOWED -> PushOutcome.UNAUTHENTICATED;
      case INVALID -> PushOutcome.MALFORMED;
      case UNSUPPORTED -> PushOutcome.UNSUPPORTED_TYPE;
    };
  }
}
