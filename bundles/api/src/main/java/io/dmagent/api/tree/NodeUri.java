package io.dmagent.api.tree;

import io.dmagent.api.log.WireText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The address of a node in the DM tree: the root {@code .} followed by node names separated by
 * {@code /} (TND 1.3 URI rules). Immutable. {@code ./A/B} and {@code A/B} denote the same node;
 * {@link #toString()} always writes the {@code ./} form. Device limits (MaxDepth, MaxTotLen,
 * MaxSegLen) are enforced by the tree, not here.
 */
public final class NodeUri implements Comparable<NodeUri> {
  public static final NodeUri ROOT = new NodeUri(List.of());

  private final List<String> segments;
  private final String text;

  private NodeUri(List<String> segments) {
    this.segments = segments;
    this.text = segments.isEmpty() ? "." : "./" + String.join("/", segments);
  }

  /**
   * Parses a node URI without a query part.
   *
   * @throws DmException 400 when the URI is malformed (empty segment, trailing slash, {@code ..}, a
   *     query part)
   */
  public static NodeUri parse(String uri) throws DmException {
    if (uri == null || uri.isEmpty()) {
      throw new DmException(StatusCode.BAD_REQUEST, "empty node URI");
    }
    if (uri.equals(".")) {
      return ROOT;
    }
    String path = uri.startsWith("./") ? uri.substring(2) : uri;
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new DmException(StatusCode.BAD_REQUEST, "malformed node URI " + WireText.quote(uri));
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      parts.add(checkSegment(path.substring(start, end), uri));
      start = end + 1;
      if (slash < 0) {
        break;
      }
    }
    return new NodeUri(Collections.unmodifiableList(parts));
  }

  /**
   * Like {@link #parse(String)} for URIs the code itself writes; a malformed one is a programming
   * error.
   */
  public static NodeUri of(String uri) {
    try {
      return parse(uri);
    } catch (DmException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String checkSegment(String segment, String uri) throws DmException {
    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
      throw new DmException(StatusCode.BAD_REQUEST, "malformed node URI " + WireText.quote(uri));
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '?' || c == '#' || c < 0x20 || c == 0x7f) {
        throw new DmException(
            StatusCode.BAD_REQUEST, "illegal character in node URI " + WireText.quote(uri));
      }
    }
    return segment;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** Node names from the root's child down to this node; empty for the root. */
  public List<String> segments() {
    return segments;
  }

  public int depth() {
    return segments.size();
  }

  /** The last segment; {@code .} for the root. */
  public String name() {
    return segments.isEmpty() ? "." : segments.get(segments.size() - 1);
  }

  /** The parent node; the root has none. */
  public NodeUri parent() {
    if (segments.isEmpty()) {
      throw new IllegalStateException("the root has no parent");
    }
    return new NodeUri(segments.subList(0, segments.size() - 1));
  }

  public NodeUri child(String name) throws DmException {
    checkSegment(name, name);
    if (name.indexOf('/') >= 0) {
      throw new DmException(StatusCode.BAD_REQUEST, "a node name cannot contain '/'");
    }
    List<String> parts = new ArrayList<>(segments.size() + 1);
    parts.addAll(segments);
    parts.add(name);
    return new NodeUri(Collections.unmodifiableList(parts));
  }

  /** Appends a relative path such as {@code A/B} (as found in TNDS Path elements). */
  public NodeUri resolve(String relativePath) throws DmException {
    NodeUri rel = parse(relativePath);
    List<String> parts = new ArrayList<>(segments);
    parts.addAll(rel.segments);
    return new NodeUri(Collections.unmodifiableList(parts));
  }

  /** True when {@code other} is this node or lies below it. */
  public boolean isAncestorOrSelfOf(NodeUri other) {
    return other.segments.size() >= segments.size()
        && other.segments.subList(0, segments.size()).equals(segments);
  }

  /** The part of this URI below {@code ancestor}, as a list of segments. */
  public List<String> relativeTo(NodeUri ancestor) {
    if (!ancestor.isAncestorOrSelfOf(this)) {
      throw new IllegalArgumentException(ancestor + " is not an ancestor of " + this);
    }
    return segments.subList(ancestor.segments.size(), segments.size());
  }

  @Override
  public int compareTo(NodeUri o) {
    int n = Math.min(segments.size(), o.segments.size());
    for (int i = 0; i < n; i++) {
      int c = segments.get(i).compareTo(o.segments.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(segments.size(), o.segments.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeUri && ((NodeUri) o).segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(segments);
  }

  @Override
  public String toString() {
    return text;
  }
}
