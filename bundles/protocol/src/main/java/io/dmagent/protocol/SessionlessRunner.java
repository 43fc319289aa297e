package io.dmagent.protocol;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.CommandRunner;
import io.dmagent.api.session.UiResponse;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sessionless message's commands with the session's own {@link CommandProcessor}, so rights,
 * ACLs, write guards, Atomic and Sequence behave exactly as in a session. What needs a session is
 * answered and not run: an Alert outside a container (session alerts, 1222, user interaction) and a
 * chunk of a large object get 406, and a user-interaction alert inside a container gets 406 too
 * (nobody can be asked outside a session). A Status or Results from the server needs no answer.
 */
final class SessionlessRunner implements CommandRunner {
  private static final UserInteraction NOBODY =
      prompt -> UiResponse.of(UiResponse.Outcome.NOT_SUPPORTED);

  private final DmTree tree;
  private final DescriptionCodec tnds;
  private final Encoding encoding;
  private final Consumer<String> log;

  SessionlessRunner(DmTree tree, DescriptionCodec tnds, Encoding encoding, Consumer<String> log) {
    this.tree = tree;
    this.tnds = tnds;
    this.encoding = encoding;
    this.log = log;
  }

  @Override
  public List<Command> run(String serverId, SyncMessage message) {
    ServerFacts server = new ServerFacts(encoding, message.header().verProto());
    server.learn(message.header());
    CommandProcessor processor =
        new CommandProcessor(
            tree,
            Principal.server(serverId),
            new CommandExecutor(tnds, server, log),
            new UiAlerts(() -> NOBODY, serverId, log),
            log);
    StatusBook book = new StatusBook(message.header().msgId());
    for (Command c : message.commands()) {
      if (c instanceof Status || c instanceof Results) {
        continue;
      } else if (c instanceof Alert a) {
        log.accept("alert " + a.code() + " needs a session; not run outside one: 406");
        book.status(a, StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED.code());
      } else if (c instanceof ItemCommand i && i.items().stream().anyMatch(Item::moreData)) {
        log.accept(
            "large object for "
                + WireText.quote(i.items().get(0).targetUri().orElse("?"))
                + " needs a session; not run outside one: 406");
        i.items()
            .forEach(
                item -> book.status(i, StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED.code(), item));
      } else {
        processor.run(c, book);
      }
    }
    List<Command> answers = new ArrayList<>();
    for (Outgoing o : book.drain()) {
      answers.add(o.command().withCmdId(Integer.toString(answers.size() + 1)));
    }
    return answers;
  }
}
