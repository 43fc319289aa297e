package io.dmagent.shell;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TndsSelection;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The DM tree on the local console: {@code dm:get}, {@code dm:set}, {@code dm:delete}, {@code
 * dm:tree} and {@code dm:export} ({@code dm:add-node} is {@link AddNodeCommand}, as Gogo cannot map
 * a dashed name to a method). Every command runs as the device, which the ACLs do not restrict, but
 * never prints a secret: a leaf whose DDF lacks the Get access type shows as {@value Secrets#MASK},
 * and its Value is left out of exports. A failure prints one line {@code error <status>:
 * <message>}.
 */
@Component(
    service = TreeCommands.class,
    property = {
      "osgi.command.scope=dm",
      "osgi.command.function=get",
      "osgi.command.function=set",
      "osgi.command.function=delete",
      "osgi.command.function=tree",
      "osgi.command.function=export"
    })
public final class TreeCommands {
  private static final String TARGET_HELP =
      "node URI, optionally with ?prop=<Name>, ?list=Struct|StructData|TNDS[+P..|-P..] or"
          + " ?moid=<MO identifier> (quote it: ? is a wildcard to the shell)";

  private final DmTree tree;
  private final DescriptionCodec codec;
  private final Secrets secrets;

  @Activate
  public TreeCommands(@Reference DmTree tree, @Reference DescriptionCodec codec) {
    this.tree = tree;
    this.codec = codec;
    this.secrets = new Secrets(tree::describe);
  }

  private TreeOperations ops() {
    return tree.operations(Principal.device());
  }

  @Descriptor("Shows a leaf's value, an interior node's children, a property, a listing or a TNDS")
  public String get(@Descriptor(TARGET_HELP) String target) {
    try {
      TreeQuery q = TreeQuery.parse(target);
      TreeOperations ops = ops();
      NodeUri uri = q.uri();
      return switch (q.kind()) {
        case NODE -> GetOutput.node(ops.get(uri), secrets);
        case PROPERTY -> GetOutput.property(ops.getProperty(uri, q.property().orElseThrow()));
        case STRUCT -> GetOutput.structure(ops.listStructure(uri, false), secrets);
        case STRUCT_DATA -> GetOutput.structure(ops.listStructure(uri, true), secrets);
        case TNDS ->
            text(
                codec.writeTnds(
                    TndsRedaction.redact(ops.exportTnds(uri, q.tnds().orElseThrow()), uri, secrets),
                    Encoding.XML));
        case MO_LOCATIONS -> {
          String moId = q.moId().orElseThrow();
          yield GetOutput.locations(ops.locate(uri, moId), moId);
        }
      };
    } catch (Exception e) {
      return ErrorLine.of(e);
    }
  }

  public String get() {
    return "usage: dm:get <uri>[?prop=<Name>|?list=Struct|StructData|TNDS...|?moid=<MOID>]";
  }

  @Descriptor(
      "Sets a leaf's value (Replace if the leaf exists, Add otherwise) or replaces a property"
          + " (<uri>?prop=ACL|Title|Name)")
  public String set(
      @Descriptor(
              "Format of the value: chr, int, bool, float, date, time, xml, bin or b64 (Base64),"
                  + " null; default the leaf's own, or chr")
          @Parameter(
              names = {"-f", "--format"},
              absentValue = "")
          String format,
      @Descriptor("MIME type of the value; default the leaf's own, or text/plain")
          @Parameter(
              names = {"-t", "--type"},
              absentValue = "")
          String type,
      @Descriptor("node URI, or <uri>?prop=ACL|Title|Name") String target,
      @Descriptor("the value (Base64 for bin and b64)") String value) {
    // Gogo turns a bare word null into null: --format null is Format null, a null value is empty.
    String formatName = format == null ? "null" : format;
    String mimeType = type == null ? "" : type;
    String text = value == null ? "" : value;
    try {
      TreeQuery q = TreeQuery.parse(target);
      TreeOperations ops = ops();
      NodeUri uri = q.uri();
      switch (q.kind()) {
        case PROPERTY -> {
          if (!formatName.isEmpty() || !mimeType.isEmpty()) {
            return ErrorLine.of(
                StatusCode.BAD_REQUEST, "--format and --type are for leaf values, not properties");
          }
          var property = q.property().orElseThrow();
          ops.replaceProperty(uri, property, text);
          return "replaced " + uri + "?prop=" + property.wireName();
        }
        case NODE -> {
          Optional<NodeResult> existing = find(ops, uri);
          NodeFormat f =
              !formatName.isEmpty()
                  ? ValueInput.format(formatName)
                  : existing
                      .filter(NodeResult::isLeaf)
                      .map(NodeResult::format)
                      .orElse(NodeFormat.CHR);
          String t =
              !mimeType.isEmpty()
                  ? mimeType
                  : existing
                      .filter(NodeResult::isLeaf)
                      .flatMap(NodeResult::type)
                      .orElse(NodeValue.TEXT_PLAIN);
          NodeValue v = ValueInput.value(text, f, t);
          if (existing.isPresent()) {
            ops.replace(uri, v);
            return "replaced " + uri;
          }
          ops.addLeaf(uri, v);
          return "added " + uri;
        }
        default -> {
          return ErrorLine.of(
              StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED,
              "dm:set takes a node URI or <uri>?prop=ACL|Title|Name");
        }
      }
    } catch (Exception e) {
      return ErrorLine.of(e);
    }
  }

  /**
   * The node, or empty when it does not exist. Asked of its parent's child names rather than by a
   * Get of the node itself, so that setting a new leaf does not log a refused Get (404) of it;
   * other failures are the command's.
   */
  private static Optional<NodeResult> find(TreeOperations ops, NodeUri uri) throws DmException {
    return exists(ops, uri) ? Optional.of(ops.get(uri)) : Optional.empty();
  }

  private static boolean exists(TreeOperations ops, NodeUri uri) throws DmException {
    if (uri.isRoot()) {
      return true;
    }
    NodeUri parent = uri.parent();
    if (!exists(ops, parent)) {
      return false;
    }
    NodeResult node = ops.get(parent);
    return !node.isLeaf() && node.children().contains(uri.name());
  }

  /** {@code dm:add-node <uri> [moType]}, run by {@link AddNodeCommand}. */
  String addNode(String uri, String moType) {
    try {
      NodeUri node = NodeUri.parse(uri);
      String type = moType == null || moType.isEmpty() ? null : moType;
      ops().addInterior(node, type);
      return "added " + node + "/" + (type == null ? "" : " [" + type + "]");
    } catch (Exception e) {
      return ErrorLine.of(e);
    }
  }

  @Descriptor("Deletes a node and everything below it")
  public String delete(@Descriptor("node URI") String uri) {
    try {
      NodeUri node = NodeUri.parse(uri);
      ops().delete(node);
      return "deleted " + node;
    } catch (Exception e) {
      return ErrorLine.of(e);
    }
  }

  @Descriptor("Lists the whole tree with its leaf values")
  public String tree(
      @Descriptor("levels below the start node to show; all when absent")
          @Parameter(
              names = {"-d", "--depth"},
              absentValue = "-1")
          int depth) {
    return tree(depth, ".");
  }

  @Descriptor("Lists a subtree with its leaf values")
  public String tree(
      @Descriptor("levels below the start node to show; all when absent")
          @Parameter(
              names = {"-d", "--depth"},
              absentValue = "-1")
          int depth,
      @Descriptor("the node to start from") String uri) {
    try {
      NodeUri start = NodeUri.parse(uri);
      TreeOperations ops = ops();
      List<NodeResult> nodes = new ArrayList<>();
      Map<NodeUri, String> failures = new HashMap<>();
      NodeResult top = ops.get(start);
      collect(ops, top, depth < 0 ? Integer.MAX_VALUE : depth, nodes, failures);
      return new TreeListing(nodes, failures, secrets).render(start);
    } catch (Exception e) {
      return ErrorLine.of(e);
    }
  }

  /** {@code node} and the nodes below it down to {@code levels} more levels, each read by Get. */
  private static void collect(
      TreeOperations ops,
      NodeResult node,
      int levels,
      List<NodeResult> nodes,
      Map<NodeUri, String> failures) {
    nodes.add(node);
    if (node.isLeaf() || levels == 0) {
      return;
    }
    for (String name : node.children()) {
      NodeUri child;
      try {
        child = node.uri().child(name);
      } catch (DmException e) {
        continue; // shown as malformed by the listing
      }
      try {
        collect(ops, ops.get(child), levels - 1, nodes, failures);
      } catch (DmException | RuntimeException e) {
        // A note on the node's line, not the command's failure: e.g. ./Inbox, which takes only Add.
        failures.put(child, ErrorLine.of(e).substring("error ".length()));
      }
    }
  }

  @Descriptor("Writes the whole tree as a TNDS document (XML, or WBXML with --out), or the DDF")
  public String export(
      @Descriptor("WBXML instead of XML (needs --out)")
          @Parameter(
              names = {"-w", "--wbxml"},
              presentValue = "true",
              absentValue = "false")
          boolean wbxml,
      @Descriptor("the device's full DDF instead of the tree's values")
          @Parameter(
              names = {"--ddf"},
              presentValue = "true",
              absentValue = "false")
          boolean ddf,
      @Descriptor("file to write; standard output when absent")
          @Parameter(
              names = {"-o", "--out"},
              absentValue = "")
          String out) {
    return export(wbxml, ddf, out, null);
  }

  @Descriptor("Writes a subtree as a TNDS document (XML, or WBXML with --out)")
  public String export(
      @Descriptor("WBXML instead of XML (needs --out)")
          @Parameter(
              names = {"-w", "--wbxml"},
              presentValue = "true",
              absentValue = "false")
          boolean wbxml,
      @Descriptor("the device's full DDF instead of the tree's values")
          @Parameter(
              names = {"--ddf"},
              presentValue = "true",
              absentValue = "false")
          boolean ddf,
      @Descriptor("file to write; standard output when absent")
          @Parameter(
              names = {"-o", "--out"},
              absentValue = "")
          String out,
      @Descriptor("the node to export") String uri) {
    String target = out == null ? "null" : out; // Gogo turns a bare word null into null
    try {
      Encoding encoding = wbxml ? Encoding.WBXML : Encoding.XML;
      if (wbxml && target.isEmpty()) {
        return ErrorLine.of(StatusCode.BAD_REQUEST, "WBXML is binary: name a file with --out");
      }
      byte[] document;
      String what;
      if (ddf) {
        if (uri != null) {
          return ErrorLine.of(
              StatusCode.BAD_REQUEST, "--ddf exports the whole device description: give no URI");
        }
        document = codec.writeDdf(tree.description(), encoding);
        what = "DDF";
      } else {
        NodeUri start = NodeUri.parse(uri == null ? "." : uri);
        TndsTree tnds = ops().exportTnds(start, TndsSelection.all());
        document = codec.writeTnds(TndsRedaction.redact(tnds, start, secrets), encoding);
        what = "TNDS of " + start;
      }
      if (target.isEmpty()) {
        return text(document);
      }
      Path file = Path.of(target).toAbsolutePath();
      Files.write(file, document);
      return "wrote " + what + " (" + encoding + ", " + document.length + " bytes) to " + file;
    } catch (Exception e) {
      return ErrorLine.of(e);
    }
  }

  private static String text(byte[] xml) {
    String s = new String(xml, StandardCharsets.UTF_8);
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
