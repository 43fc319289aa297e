package io.dmagent.api.session;

import io.dmagent.api.message.Command;
import io.dmagent.api.message.SyncMessage;
import java.util.List;

/**
 * Runs the commands of one self-contained server message outside a session (a sessionless command),
 * registered by the protocol bundle. The caller has verified where the message comes from; the
 * commands run as that server, with its rights, exactly as in a session: Atomic all or nothing,
 * Sequence in order, each command checked against ACLs and write guards.
 */
@org.osgi.annotation.versioning.ProviderType
public interface CommandRunner {

  /**
   * Runs {@code message}'s commands as {@code serverId} and returns what a session would send back
   * for them, in order: a Status per command (and per command inside Atomic and Sequence) and the
   * Results of each Get. Commands that need a session (Alert 1222 for more, large objects split
   * over messages, user interaction) get their DM status code, 406 or 501, and run nothing.
   */
  List<Command> run(String serverId, SyncMessage message);
}
