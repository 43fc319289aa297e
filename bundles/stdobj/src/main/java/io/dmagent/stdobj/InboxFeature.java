package io.dmagent.stdobj;

import io.dmagent.api.mo.OptionalFeature;
import org.osgi.service.component.annotations.Component;

/** The Inbox ({@code ./Inbox}) is there while this bundle is: listed as optional feature. */
@Component
public final class InboxFeature implements OptionalFeature {
  @Override
  public String name() {
    return "Inbox";
  }

  @Override
  public String description() {
    return "./Inbox: a server Adds an MO without knowing where it is kept (urn:oma:mo:oma-dm-inbox:1.0)";
  }
}
