package io.dmagent.api.message;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code SyncHdr}: versions, the session and message identifiers, who sends (Source) to whom
 * (Target), where to send the next message (RespURI, from a server), credentials, and the sender's
 * limits (Meta MaxMsgSize, MaxObjSize).
 */
public record SyncHeader(
    String verDtd,
    String verProto,
    String sessionId,
    String msgId,
    Locator target,
    Locator source,
    Optional<String> respUri,
    Optional<Credential> cred,
    Optional<Meta> meta) {

  public static final String VER_DTD = "1.2";
  public static final String DM_1_2 = "DM/1.2";
  public static final String DM_1_3 = "DM/1.3";

  public SyncHeader {
    Objects.requireNonNull(verDtd);
    Objects.requireNonNull(verProto);
    Objects.requireNonNull(sessionId);
    Objects.requireNonNull(msgId);
    Objects.requireNonNull(target);
    Objects.requireNonNull(source);
    Objects.requireNonNull(respUri);
    Objects.requireNonNull(cred);
    Objects.requireNonNull(meta);
  }

  public SyncHeader withMsgId(String value) {
    return new SyncHeader(verDtd, verProto, sessionId, value, target, source, respUri, cred, meta);
  }

  public SyncHeader withCred(Optional<Credential> value) {
    return new SyncHeader(verDtd, verProto, sessionId, msgId, target, source, respUri, value, meta);
  }

  public SyncHeader withMeta(Optional<Meta> value) {
    return new SyncHeader(verDtd, verProto, sessionId, msgId, target, source, respUri, cred, value);
  }

  public SyncHeader withRespUri(Optional<String> value) {
    return new SyncHeader(verDtd, verProto, sessionId, msgId, target, source, value, cred, meta);
  }
}
