package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Status}: the outcome {@code code} of the command {@code cmdRef} ({@code "0"} for the
 * SyncHdr, then {@code cmd} is {@code SyncHdr}) of message {@code msgRef}, with the target and
 * source URIs it speaks of, a challenge or credential where authentication asks for one, and items
 * (the answer to a user-interaction alert, the item of a chunk).
 */
public record Status(
    String cmdId,
    String msgRef,
    String cmdRef,
    String cmd,
    List<String> targetRefs,
    List<String> sourceRefs,
    Optional<Credential> cred,
    Optional<Challenge> chal,
    int code,
    List<Item> items)
    implements Command {

  /** The {@code Cmd} of a Status for the header. */
  public static final String SYNC_HDR = "SyncHdr";

  public Status {
    Objects.requireNonNull(cmdId);
    Objects.requireNonNull(msgRef);
    Objects.requireNonNull(cmdRef);
    Objects.requireNonNull(cmd);
    targetRefs = List.copyOf(targetRefs);
    sourceRefs = List.copyOf(sourceRefs);
    Objects.requireNonNull(cred);
    Objects.requireNonNull(chal);
    items = List.copyOf(items);
  }

  /** A Status with no references, challenge or items. */
  public static Status of(String cmdId, String msgRef, String cmdRef, String cmd, int code) {
    return new Status(
        cmdId,
        msgRef,
        cmdRef,
        cmd,
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        code,
        List.of());
  }

  @Override
  public String element() {
    return CommandName.STATUS.element();
  }

  /** A Status is never answered in DM, so it never asks for one. */
  @Override
  public boolean noResp() {
    return false;
  }

  @Override
  public Status withCmdId(String id) {
    return new Status(id, msgRef, cmdRef, cmd, targetRefs, sourceRefs, cred, chal, code, items);
  }
}
