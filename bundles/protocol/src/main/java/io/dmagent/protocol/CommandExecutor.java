package io.dmagent.protocol;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one item of Get, Add, Replace, Delete or Copy, or an Exec, on the tree operations it is
 * given (the session's, or an Atomic's transaction) and says how it ended: the status code the
 * tree's {@link DmException} carries, and for Get the Results items.
 */
final class CommandExecutor {
  /** How one item ended: its status code and, for a Get, what to send back. */
  record Outcome(int code, List<Item> results) {
    static Outcome of(int code) {
      return new Outcome(code, List.of());
    }

    static Outcome of(StatusCode code) {
      return new Outcome(code.code(), List.of());
    }
  }

  private final DescriptionCodec tnds;
  private final ServerFacts server;
  private final Consumer<String> log;

  CommandExecutor(DescriptionCodec tnds, ServerFacts server, Consumer<String> log) {
    this.tnds = tnds;
    this.server = server;
    this.log = log;
  }

  Outcome run(ItemCommand command, Item item, TreeOperations ops) {
    try {
      Meta meta = Metas.effective(command.meta(), item);
      return switch (command.name()) {
        case GET -> get(item, ops);
        case ADD -> add(item, meta, ops);
        case REPLACE -> replace(item, meta, ops);
        case DELETE -> delete(item, ops);
        case COPY -> copy(item, ops);
        default -> Outcome.of(StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED);
      };
    } catch (DmException e) {
      return Outcome.of(e.status());
    } catch (RuntimeException e) {
      log.accept(command.element() + " failed unexpectedly: " + WireText.escape(e.toString(), 300));
      return Outcome.of(StatusCode.COMMAND_FAILED);
    }
  }

  Outcome exec(Exec exec, TreeOperations ops) {
    try {
      TreeQuery q = plainTarget(exec.item(), CommandName.EXEC);
      Optional<NodeValue> argument =
          exec.item().data().isPresent()
              ? Optional.of(
                  ItemValues.leafValue(exec.item(), Metas.effective(exec.meta(), exec.item())))
              : Optional.empty();
      ExecResult result = ops.exec(q.uri(), new ExecRequest(argument, exec.correlator()));
      return Outcome.of(result.status());
    } catch (DmException e) {
      return Outcome.of(e.status());
    } catch (RuntimeException e) {
      log.accept("Exec failed unexpectedly: " + WireText.escape(e.toString(), 300));
      return Outcome.of(StatusCode.COMMAND_FAILED);
    }
  }

  private Outcome get(Item item, TreeOperations ops) throws DmException {
    String target = target(item);
    TreeQuery q = TreeQuery.parse(target);
    VersionRules.requireKnown(q, server.verProto());
    List<Item> results = new ArrayList<>();
    int code = StatusCode.OK.code();
    switch (q.kind()) {
      case NODE -> results.add(ItemValues.result(target, ops.get(q.uri()), server.encoding()));
      case PROPERTY -> {
        PropertyResult p =
            VersionRules.property(
                ops.getProperty(q.uri(), q.property().orElseThrow()), server.verProto());
        code = p.status().code();
        results.add(
            ItemValues.sourceItem(
                target,
                Meta.of(NodeFormat.CHR.wireName(), NodeValue.TEXT_PLAIN),
                Optional.of(ItemData.text(p.value()))));
      }
      case STRUCT, STRUCT_DATA -> {
        for (NodeResult n : ops.listStructure(q.uri(), q.kind() == TreeQuery.Kind.STRUCT_DATA)) {
          results.add(ItemValues.result(n.uri().toString(), n, server.encoding()));
        }
      }
      case TNDS -> results.add(tndsItem(target, ops.exportTnds(q.uri(), q.tnds().orElseThrow())));
      case MO_LOCATIONS -> {
        String moId = q.moId().orElseThrow();
        for (NodeUri at : ops.locate(q.uri(), moId)) {
          results.add(
              ItemValues.sourceItem(
                  at.toString(), Meta.of(NodeFormat.NODE.wireName(), moId), Optional.empty()));
        }
      }
    }
    for (Item r : results) {
      if (ItemValues.wireLength(r) > server.maxObjSize()) {
        // The server could not take the object even in chunks (digest 6.2).
        return Outcome.of(StatusCode.REQUEST_ENTITY_TOO_LARGE);
      }
    }
    return new Outcome(code, results);
  }

  private Item tndsItem(String target, TndsTree tree) throws DmException {
    Encoding encoding = server.encoding();
    byte[] document = tnds.writeTnds(tree, encoding);
    if (encoding == Encoding.WBXML) {
      return ItemValues.sourceItem(
          target,
          Meta.of(NodeFormat.XML.wireName(), ItemValues.TNDS_WBXML),
          Optional.of(ItemData.opaque(document)));
    }
    return ItemValues.sourceItem(
        target,
        Meta.of(NodeFormat.XML.wireName(), ItemValues.TNDS_XML),
        Optional.of(new ItemData.Markup(element(new String(document, StandardCharsets.UTF_8)))));
  }

  /** The document's root element: an XML declaration or DOCTYPE cannot sit inside Data. */
  private static String element(String xml) {
    int at = xml.indexOf("<MgmtTree");
    return at < 0 ? xml : xml.substring(at);
  }

  private Outcome add(Item item, Meta meta, TreeOperations ops) throws DmException {
    TreeQuery q = plainTarget(item, CommandName.ADD);
    Optional<Encoding> tndsEncoding = ItemValues.tndsEncoding(meta);
    if (tndsEncoding.isPresent()) {
      ops.addTnds(q.uri(), tnds.readTnds(ItemValues.bytes(item), tndsEncoding.get()));
    } else if (ItemValues.format(meta) == NodeFormat.NODE) {
      ops.addInterior(q.uri(), meta.type().filter(t -> !t.isEmpty()).orElse(null));
    } else {
      ops.addLeaf(q.uri(), ItemValues.leafValue(item, meta));
    }
    return Outcome.of(StatusCode.OK);
  }

  private Outcome replace(Item item, Meta meta, TreeOperations ops) throws DmException {
    TreeQuery q = TreeQuery.parse(target(item));
    if (q.kind() == TreeQuery.Kind.PROPERTY) {
      String value = item.data().map(ItemData::text).orElse("");
      ops.replaceProperty(q.uri(), q.property().orElseThrow(), value);
      return Outcome.of(StatusCode.OK);
    }
    if (q.kind() != TreeQuery.Kind.NODE) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "Replace of a listing or query");
    }
    Optional<Encoding> tndsEncoding = ItemValues.tndsEncoding(meta);
    if (tndsEncoding.isPresent()) {
      // Rights before the document: its parse costs more than the check, which nothing in it
      // changes.
      ops.checkReplaceTnds(q.uri());
      ops.replaceTnds(q.uri(), tnds.readTnds(ItemValues.bytes(item), tndsEncoding.get()));
    } else if (ItemValues.format(meta) == NodeFormat.NODE) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, "an interior node has no value to replace");
    } else {
      ops.replace(q.uri(), ItemValues.leafValue(item, meta));
    }
    return Outcome.of(StatusCode.OK);
  }

  private Outcome delete(Item item, TreeOperations ops) throws DmException {
    ops.delete(plainTarget(item, CommandName.DELETE).uri());
    return Outcome.of(StatusCode.OK);
  }

  private Outcome copy(Item item, TreeOperations ops) throws DmException {
    TreeQuery to = plainTarget(item, CommandName.COPY);
    String from =
        item.sourceUri()
            .orElseThrow(() -> new DmException(StatusCode.BAD_REQUEST, "Copy without a Source"));
    TreeQuery source = TreeQuery.parse(from);
    if (source.kind() != TreeQuery.Kind.NODE) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "Copy from a query");
    }
    ops.copy(source.uri(), to.uri());
    return Outcome.of(StatusCode.OK);
  }

  private static String target(Item item) throws DmException {
    return item.targetUri()
        .orElseThrow(() -> new DmException(StatusCode.BAD_REQUEST, "an item without a Target"));
  }

  /** A target naming a node, no {@code ?prop=} or {@code ?list=}: 405 otherwise. */
  private static TreeQuery plainTarget(Item item, CommandName command) throws DmException {
    TreeQuery q = TreeQuery.parse(target(item));
    if (q.kind() != TreeQuery.Kind.NODE) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, command + " takes a node, not a property or a listing");
    }
    return q;
  }
}
