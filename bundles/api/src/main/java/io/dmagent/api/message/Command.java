package io.dmagent.api.message;

/**
 * One command of a SyncBody. Every command has a CmdID unique in its message; the records say what
 * else each carries, in the child order of the SyncML DTD.
 */
@org.osgi.annotation.versioning.ProviderType
public sealed interface Command
    permits ItemCommand, Exec, Alert, Atomic, Sequence, Status, Results, UnsupportedCommand {

  /** The CmdID, kept as sent: Statuses echo it as CmdRef. */
  String cmdId();

  /** The element name, as a Status's {@code Cmd} repeats it. */
  String element();

  /** {@code NoResp}: the sender wants no Status for this command. */
  boolean noResp();

  /**
   * The same command under another CmdID: CmdIDs are numbered per message when it is sent, so a
   * command queued or reported later gets the number of the message it goes in.
   */
  Command withCmdId(String id);
}
