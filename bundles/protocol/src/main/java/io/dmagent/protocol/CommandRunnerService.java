package io.dmagent.protocol;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.CommandRunner;
import io.dmagent.api.tree.DmTree;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The {@link CommandRunner} service for sessionless commands, on the tree and TNDS codec the
 * sessions use. Values it reads back are written as in an XML session (binary as b64, TNDS as
 * markup), which either encoding of the outcome carries. Wiring only.
 */
@Component(service = CommandRunner.class)
public final class CommandRunnerService implements CommandRunner {
  private final SessionlessRunner runner;

  @Activate
  public CommandRunnerService(
      @Reference DmTree tree,
      @Reference DescriptionCodec tnds,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, tnds, (Consumer<String>) log::info);
  }

  /**
   * For plain Java (the sessionless bundle's tests): the runner on this tree, logging to {@code
   * log}.
   */
  public CommandRunnerService(DmTree tree, DescriptionCodec tnds, Consumer<String> log) {
    this.runner = new SessionlessRunner(tree, tnds, Encoding.XML, log);
  }

  @Override
  public List<Command> run(String serverId, SyncMessage message) {
    return runner.run(serverId, message);
  }
}
