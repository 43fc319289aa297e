package io.dmagent.protocol;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.tree.DmTree;
import io.dmagent.protocol.outbox.AlertOutbox;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** What every session is made of: the services it runs on and the settings it keeps. */
record SessionParts(
    DmTree tree,
    DescriptionCodec tnds,
    MessageSizer sizer,
    AlertOutbox outbox,
    Supplier<UserInteraction> userInteraction,
    Authenticator authenticator,
    SessionSettings settings,
    Consumer<String> log) {
  SessionParts {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(tnds, "description codec");
    Objects.requireNonNull(sizer, "message codec");
    Objects.requireNonNull(outbox, "alert outbox");
    Objects.requireNonNull(userInteraction, "user interaction");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(log, "log");
  }
}
