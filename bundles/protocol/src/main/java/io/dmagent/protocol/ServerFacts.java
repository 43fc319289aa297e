package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import java.util.Optional;

/**
 * What one session has learnt about its server: the encoding and protocol version it speaks, the
 * limits it set (MaxMsgSize and MaxObjSize stay in force until it sends new ones), and the RespURI
 * to send the next message to. Confined to the session's thread.
 */
final class ServerFacts {
  private Encoding encoding;
  private String verProto;
  private long maxMsgSize = Long.MAX_VALUE;
  private long maxObjSize = Long.MAX_VALUE;
  private Optional<String> respUri = Optional.empty();
  private Optional<String> name = Optional.empty();

  ServerFacts(Encoding encoding, String verProto) {
    this.encoding = encoding;
    this.verProto = verProto;
  }

  /** Takes in what a server message's header says. */
  void learn(SyncHeader header) {
    verProto = header.verProto();
    header.respUri().filter(u -> !u.isBlank()).ifPresent(u -> respUri = Optional.of(u));
    name = Optional.of(header.source().locUri());
    Meta meta = header.meta().orElse(Meta.EMPTY);
    meta.maxMsgSize().ifPresent(v -> maxMsgSize = v > 0 ? v : Long.MAX_VALUE);
    meta.maxObjSize().ifPresent(v -> maxObjSize = v > 0 ? v : Long.MAX_VALUE);
  }

  Encoding encoding() {
    return encoding;
  }

  void encoding(Encoding value) {
    encoding = value;
  }

  String verProto() {
    return verProto;
  }

  long maxMsgSize() {
    return maxMsgSize;
  }

  long maxObjSize() {
    return maxObjSize;
  }

  Optional<String> respUri() {
    return respUri;
  }

  /** How the server names itself (its header's Source LocURI), once it has spoken. */
  Optional<String> name() {
    return name;
  }
}
