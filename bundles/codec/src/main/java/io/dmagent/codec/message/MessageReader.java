package io.dmagent.codec.message;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Challenge;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.message.UnsupportedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the SyncML content model into a {@link SyncMessage}, the same for both encodings. Lenient
 * where real peers differ and strict where the model needs a value:
 *
 * <ul>
 *   <li>children are accepted in any order (Alert's Data and Correlator come either way round);
 *   <li>SyncML elements DM has no use for where they stand (TargetParent, SourceParent, Lang,
 *       Archive, SftDel, command-level Cred, NoResults, DS MetInf such as Anchor) are skipped, and
 *       so are elements of other vocabularies;
 *   <li>SyncML commands DM does not use (Map, Put, Search, Sync, Move) become {@link
 *       UnsupportedCommand}s, for the engine to answer 406;
 *   <li>identifiers, URIs and Meta values lose surrounding white space, Data keeps it;
 *   <li>400 for an element the model needs that is missing (naming it), a value given twice, a code
 *       that is no number, an unknown element of the SyncML vocabulary, anything but a command or
 *       Final in SyncBody.
 * </ul>
 *
 * Items are not required by the reader (Item+ in the DTD): a command without one is left for the
 * engine to answer (412), except Exec, whose model holds exactly one.
 */
final class MessageReader {
  private final Cursor c;

  MessageReader(Cursor cursor) {
    this.c = cursor;
  }

  SyncMessage read() throws MessageFormatException {
    c.enterRoot(Tag.SYNC_ML);
    SyncHeader header = null;
    List<Command> commands = null;
    boolean isFinal = false;
    for (Tag t; (t = c.nextChild()) != null; ) {
      if (t == Tag.SYNC_HDR) {
        once(header, t);
        header = header();
      } else if (t == Tag.SYNC_BODY) {
        once(commands, t);
        commands = new ArrayList<>();
        isFinal = body(commands);
      } else {
        c.skip();
      }
    }
    require(header, Tag.SYNC_HDR);
    require(commands, Tag.SYNC_BODY);
    c.requireEndOfDocument();
    return new SyncMessage(header, commands, isFinal);
  }

  private SyncHeader header() throws MessageFormatException {
    String verDtd = null;
    String verProto = null;
    String sessionId = null;
    String msgId = null;
    Locator target = null;
    Locator source = null;
    String respUri = null;
    Credential cred = null;
    Meta meta = null;
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case VER_DTD -> verDtd = text(verDtd, t);
        case VER_PROTO -> verProto = text(verProto, t);
        case SESSION_ID -> sessionId = text(sessionId, t);
        case MSG_ID -> msgId = text(msgId, t);
        case TARGET -> target = locator(target, t);
        case SOURCE -> source = locator(source, t);
        case RESP_URI -> respUri = text(respUri, t);
        case CRED -> cred = credential(cred, t);
        case META -> meta = meta(meta, t);
        default -> c.skip();
      }
    }
    require(verDtd, Tag.VER_DTD);
    require(verProto, Tag.VER_PROTO);
    require(sessionId, Tag.SESSION_ID);
    require(msgId, Tag.MSG_ID);
    require(target, Tag.TARGET);
    require(source, Tag.SOURCE);
    return new SyncHeader(
        verDtd,
        verProto,
        sessionId,
        msgId,
        target,
        source,
        Optional.ofNullable(respUri),
        Optional.ofNullable(cred),
        Optional.ofNullable(meta));
  }

  /** The commands of SyncBody into {@code commands}; whether Final was there. */
  private boolean body(List<Command> commands) throws MessageFormatException {
    boolean isFinal = false;
    for (Tag t; (t = c.nextChild()) != null; ) {
      if (t == Tag.FINAL) {
        isFinal = true;
        c.skip();
        continue;
      }
      Command command = command(t);
      if (command == null) {
        throw Refusal.malformed("<" + t.element() + "> is not a command, in " + c.parent());
      }
      commands.add(command);
    }
    return isFinal;
  }

  /** The command {@code t} starts, or null when {@code t} is no command. */
  private Command command(Tag t) throws MessageFormatException {
    return switch (t) {
      case ADD -> itemCommand(CommandName.ADD);
      case REPLACE -> itemCommand(CommandName.REPLACE);
      case DELETE -> itemCommand(CommandName.DELETE);
      case COPY -> itemCommand(CommandName.COPY);
      case GET -> itemCommand(CommandName.GET);
      case EXEC -> exec();
      case ALERT -> alert();
      case ATOMIC, SEQUENCE -> container(t);
      case STATUS -> status();
      case RESULTS -> results();
      case MAP, PUT, SEARCH, SYNC, MOVE -> unsupported(t);
      default -> null;
    };
  }

  private ItemCommand itemCommand(CommandName name) throws MessageFormatException {
    String cmdId = null;
    boolean noResp = false;
    Meta meta = null;
    List<Item> items = new ArrayList<>();
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case NO_RESP -> noResp = flag();
        case META -> meta = meta(meta, t);
        case ITEM -> items.add(item());
        default -> c.skip();
      }
    }
    require(cmdId, Tag.CMD_ID);
    return new ItemCommand(name, cmdId, noResp, Optional.ofNullable(meta), items);
  }

  private Exec exec() throws MessageFormatException {
    String cmdId = null;
    boolean noResp = false;
    Meta meta = null;
    String correlator = null;
    Item item = null;
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case NO_RESP -> noResp = flag();
        case META -> meta = meta(meta, t);
        case CORRELATOR -> correlator = text(correlator, t);
        case ITEM -> {
          once(item, t);
          item = item();
        }
        default -> c.skip();
      }
    }
    require(cmdId, Tag.CMD_ID);
    require(item, Tag.ITEM);
    return new Exec(
        cmdId, noResp, Optional.ofNullable(meta), Optional.ofNullable(correlator), item);
  }

  private Alert alert() throws MessageFormatException {
    String cmdId = null;
    boolean noResp = false;
    String code = null;
    String correlator = null;
    List<Item> items = new ArrayList<>();
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case NO_RESP -> noResp = flag();
        case DATA -> code = text(code, t);
        case CORRELATOR -> correlator = text(correlator, t);
        case ITEM -> items.add(item());
        default -> c.skip();
      }
    }
    require(cmdId, Tag.CMD_ID);
    require(code, Tag.DATA);
    return new Alert(cmdId, noResp, number(code, Tag.DATA), Optional.ofNullable(correlator), items);
  }

  private Command container(Tag kind) throws MessageFormatException {
    String cmdId = null;
    boolean noResp = false;
    Meta meta = null;
    List<Command> commands = new ArrayList<>();
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case NO_RESP -> noResp = flag();
        case META -> meta = meta(meta, t);
        default -> {
          Command command = command(t);
          if (command == null) {
            c.skip();
          } else {
            commands.add(command);
          }
        }
      }
    }
    require(cmdId, Tag.CMD_ID);
    return kind == Tag.ATOMIC
        ? new Atomic(cmdId, noResp, Optional.ofNullable(meta), commands)
        : new Sequence(cmdId, noResp, Optional.ofNullable(meta), commands);
  }

  private Status status() throws MessageFormatException {
    String cmdId = null;
    String msgRef = null;
    String cmdRef = null;
    String cmd = null;
    List<String> targetRefs = new ArrayList<>();
    List<String> sourceRefs = new ArrayList<>();
    Credential cred = null;
    Challenge chal = null;
    String code = null;
    List<Item> items = new ArrayList<>();
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case MSG_REF -> msgRef = text(msgRef, t);
        case CMD_REF -> cmdRef = text(cmdRef, t);
        case CMD -> cmd = text(cmd, t);
        case TARGET_REF -> targetRefs.add(c.trimmedText());
        case SOURCE_REF -> sourceRefs.add(c.trimmedText());
        case CRED -> cred = credential(cred, t);
        case CHAL -> {
          once(chal, t);
          chal = challenge();
        }
        case DATA -> code = text(code, t);
        case ITEM -> items.add(item());
        default -> c.skip();
      }
    }
    require(cmdId, Tag.CMD_ID);
    require(msgRef, Tag.MSG_REF);
    require(cmdRef, Tag.CMD_REF);
    require(cmd, Tag.CMD);
    require(code, Tag.DATA);
    return new Status(
        cmdId,
        msgRef,
        cmdRef,
        cmd,
        targetRefs,
        sourceRefs,
        Optional.ofNullable(cred),
        Optional.ofNullable(chal),
        number(code, Tag.DATA),
        items);
  }

  private Results results() throws MessageFormatException {
    String cmdId = null;
    String msgRef = null;
    String cmdRef = null;
    Meta meta = null;
    String targetRef = null;
    String sourceRef = null;
    List<Item> items = new ArrayList<>();
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case MSG_REF -> msgRef = text(msgRef, t);
        case CMD_REF -> cmdRef = text(cmdRef, t);
        case META -> meta = meta(meta, t);
        case TARGET_REF -> targetRef = text(targetRef, t);
        case SOURCE_REF -> sourceRef = text(sourceRef, t);
        case ITEM -> items.add(item());
        default -> c.skip();
      }
    }
    require(cmdId, Tag.CMD_ID);
    require(cmdRef, Tag.CMD_REF);
    return new Results(
        cmdId,
        Optional.ofNullable(msgRef),
        cmdRef,
        Optional.ofNullable(meta),
        Optional.ofNullable(targetRef),
        Optional.ofNullable(sourceRef),
        items);
  }

  /** Read as far as its Status needs: CmdID and NoResp. */
  private UnsupportedCommand unsupported(Tag kind) throws MessageFormatException {
    String cmdId = null;
    boolean noResp = false;
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case CMD_ID -> cmdId = text(cmdId, t);
        case NO_RESP -> noResp = flag();
        default -> c.skip();
      }
    }
    require(cmdId, Tag.CMD_ID);
    return new UnsupportedCommand(kind.element(), cmdId, noResp);
  }

  private Item item() throws MessageFormatException {
    Locator target = null;
    Locator source = null;
    Meta meta = null;
    ItemData data = null;
    boolean moreData = false;
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case TARGET -> target = locator(target, t);
        case SOURCE -> source = locator(source, t);
        case META -> meta = meta(meta, t);
        case DATA -> {
          once(data, t);
          data = c.data();
        }
        case MORE_DATA -> moreData = flag();
        default -> c.skip();
      }
    }
    return new Item(
        Optional.ofNullable(target),
        Optional.ofNullable(source),
        Optional.ofNullable(meta == null || data == null ? meta : TndsType.forModel(meta, data)),
        Optional.ofNullable(data),
        moreData);
  }

  private Locator locator(Locator current, Tag kind) throws MessageFormatException {
    once(current, kind);
    String uri = null;
    String name = null;
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case LOC_URI -> uri = text(uri, t);
        case LOC_NAME -> name = text(name, t);
        default -> c.skip();
      }
    }
    require(uri, Tag.LOC_URI);
    return new Locator(uri, Optional.ofNullable(name));
  }

  private Credential credential(Credential current, Tag kind) throws MessageFormatException {
    once(current, kind);
    Meta meta = null;
    String data = null;
    for (Tag t; (t = c.nextChild()) != null; ) {
      switch (t) {
        case META -> meta = meta(meta, t);
        case DATA -> data = text(data, t);
        default -> c.skip();
      }
    }
    require(data, Tag.DATA);
    return new Credential(meta == null ? Meta.EMPTY : meta, data);
  }

  /** {@code Chal}: a Meta (an empty one when a peer sends none). */
  private Challenge challenge() throws MessageFormatException {
    Meta meta = null;
    for (Tag t; (t = c.nextChild()) != null; ) {
      if (t == Tag.META) {
        meta = meta(meta, t);
      } else {
        c.skip();
      }
    }
    return new Challenge(meta == null ? Meta.EMPTY : meta);
  }

  private Meta meta(Meta current, Tag kind) throws MessageFormatException {
    once(current, kind);
    return new MetaReader().read();
  }

  /** The MetInf values of one Meta (or Chal), also when a MetInf element wraps them. */
  private final class MetaReader {
    private String format;
    private String type;
    private String mark;
    private String size;
    private String nextNonce;
    private String maxMsgSize;
    private String maxObjSize;
    private final List<String> emi = new ArrayList<>();

    Meta read() throws MessageFormatException {
      children();
      return new Meta(
          Optional.ofNullable(format),
          Optional.ofNullable(type),
          Optional.ofNullable(mark),
          size == null ? OptionalLong.empty() : OptionalLong.of(longNumber(size, Tag.SIZE)),
          Optional.ofNullable(nextNonce),
          maxMsgSize == null
              ? OptionalLong.empty()
              : OptionalLong.of(longNumber(maxMsgSize, Tag.MAX_MSG_SIZE)),
          maxObjSize == null
              ? OptionalLong.empty()
              : OptionalLong.of(longNumber(maxObjSize, Tag.MAX_OBJ_SIZE)),
          emi);
    }

    private void children() throws MessageFormatException {
      for (Tag t; (t = c.nextChild()) != null; ) {
        switch (t) {
          case FORMAT -> format = text(format, t);
          case TYPE -> type = text(type, t);
          case MARK -> mark = text(mark, t);
          case SIZE -> size = text(size, t);
          case NEXT_NONCE -> nextNonce = text(nextNonce, t);
          case MAX_MSG_SIZE -> maxMsgSize = text(maxMsgSize, t);
          case MAX_OBJ_SIZE -> maxObjSize = text(maxObjSize, t);
          case EMI -> emi.add(c.trimmedText());
          case MET_INF -> children();
          default -> c.skip();
        }
      }
    }
  }

  /** The trimmed text of {@code t}, which must not have come before. */
  private String text(String current, Tag t) throws MessageFormatException {
    once(current, t);
    return c.trimmedText();
  }

  private boolean flag() throws MessageFormatException {
    c.skip();
    return true;
  }

  private void once(Object current, Tag t) throws MessageFormatException {
    if (current != null) {
      throw c.duplicate(t);
    }
  }

  private void require(Object value, Tag t) throws MessageFormatException {
    if (value == null) {
      throw c.missing(t);
    }
  }

  private int number(String text, Tag t) throws MessageFormatException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw Refusal.malformed("<" + t.element() + "> is not a number, in " + c.closedPath());
    }
  }

  private long longNumber(String text, Tag t) throws MessageFormatException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw Refusal.malformed("<" + t.element() + "> is not a number, in " + c.closedPath());
    }
  }
}
