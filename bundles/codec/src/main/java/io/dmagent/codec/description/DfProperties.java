package io.dmagent.codec.description;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Occurrence;
import io.dmagent.api.description.Scope;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DFProperties of one DDF Node. AccessType, DFFormat and DFType are mandatory as in the DTD;
 * Occurrence defaults to One, Scope to Dynamic, CaseSense to CS (case sensitive). Children may come
 * in any order.
 *
 * <p>DFType: the texts of its MIME or DDFName children, blank ones left out. So an interior node
 * with an empty {@code <DDFName/>} (no MO identifier) has an empty type list, and {@link
 * NodeDescription#moId()} is empty.
 */
final class DfProperties {
  private Set<AccessType> accessTypes;
  private String defaultValue;
  private String description;
  private NodeFormat format;
  private Occurrence occurrence;
  private Scope scope;
  private String title;
  private List<String> types;
  private Boolean caseSensitive;

  private DfProperties() {}

  /** Reads {@code <DFProperties>}, positioned at its start. */
  static DfProperties read(ElementCursor cursor) throws DmException {
    DfProperties p = new DfProperties();
    for (DdfTag t = cursor.nextChild(); t != null; t = cursor.nextChild()) {
      p.readChild(cursor, t);
    }
    p.requireMandatory(cursor);
    return p;
  }

  private void readChild(ElementCursor c, DdfTag t) throws DmException {
    switch (t) {
      case ACCESS_TYPE -> {
        c.once(accessTypes, t);
        accessTypes = accessTypes(c);
      }
      case DEFAULT_VALUE -> {
        c.once(defaultValue, t);
        defaultValue = c.text();
      }
      case DESCRIPTION -> {
        c.once(description, t);
        description = c.text();
      }
      case DF_FORMAT -> {
        c.once(format, t);
        format = Vocabulary.format(c);
      }
      case OCCURRENCE -> {
        c.once(occurrence, t);
        occurrence = occurrence(c);
      }
      case SCOPE -> {
        c.once(scope, t);
        scope = scope(c);
      }
      case DF_TITLE -> {
        c.once(title, t);
        title = c.text();
      }
      case DF_TYPE -> {
        c.once(types, t);
        types = types(c);
      }
      case CASE_SENSE -> {
        c.once(caseSensitive, t);
        caseSensitive = caseSense(c);
      }
      default -> throw c.unexpected(t);
    }
  }

  private void requireMandatory(ElementCursor c) throws DmException {
    if (accessTypes == null) {
      throw c.missing(DdfTag.ACCESS_TYPE);
    }
    if (format == null) {
      throw c.missing(DdfTag.DF_FORMAT);
    }
    if (types == null) {
      throw c.missing(DdfTag.DF_TYPE);
    }
  }

  NodeFormat format() {
    return format;
  }

  NodeDescription describe(String name, Optional<String> path, List<NodeDescription> children) {
    return new NodeDescription(
        name,
        path,
        accessTypes,
        Optional.ofNullable(defaultValue),
        Optional.ofNullable(description),
        format,
        occurrence == null ? Occurrence.ONE : occurrence,
        scope == null ? Scope.DYNAMIC : scope,
        Optional.ofNullable(title),
        types,
        caseSensitive == null || caseSensitive,
        children);
  }

  private static Set<AccessType> accessTypes(ElementCursor c) throws DmException {
    Set<AccessType> set = EnumSet.noneOf(AccessType.class);
    for (DdfTag t = c.nextChild(); t != null; t = c.nextChild()) {
      DdfTag tag = t;
      set.add(Vocabulary.accessType(tag).orElseThrow(() -> c.unexpected(tag)));
      c.requireEmpty();
    }
    return set;
  }

  private static Occurrence occurrence(ElementCursor c) throws DmException {
    DdfTag t = c.onlyChild();
    Occurrence o =
        switch (t) {
          case ONE -> marker(c, Occurrence.ONE);
          case ZERO_OR_ONE -> marker(c, Occurrence.ZERO_OR_ONE);
          case ZERO_OR_MORE -> marker(c, Occurrence.ZERO_OR_MORE);
          case ONE_OR_MORE -> marker(c, Occurrence.ONE_OR_MORE);
          case ZERO_OR_N -> Occurrence.zeroOrN(bound(c));
          case ONE_OR_N -> Occurrence.oneOrN(bound(c));
          default -> throw c.unexpected(t);
        };
    c.endOfOnlyChild();
    return o;
  }

  private static Occurrence marker(ElementCursor c, Occurrence o) throws DmException {
    c.requireEmpty();
    return o;
  }

  /**
   * The N of ZeroOrN/OneOrN: a positive decimal. The DTD's range 2..65536 is not enforced, as a
   * larger N harms nothing and 1 is merely unusual.
   */
  private static int bound(ElementCursor c) throws DmException {
    String n = c.trimmedText();
    try {
      int value = Integer.parseInt(n);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Refusals.malformed("Occurrence N is not a positive number in " + c.where());
  }

  private static Scope scope(ElementCursor c) throws DmException {
    DdfTag t = c.onlyChild();
    Scope s =
        switch (t) {
          case PERMANENT -> Scope.PERMANENT;
          case DYNAMIC -> Scope.DYNAMIC;
          default -> throw c.unexpected(t);
        };
    c.requireEmpty();
    c.endOfOnlyChild();
    return s;
  }

  private static List<String> types(ElementCursor c) throws DmException {
    List<String> types = new ArrayList<>();
    for (DdfTag t = c.nextChild(); t != null; t = c.nextChild()) {
      if (t != DdfTag.MIME && t != DdfTag.DDF_NAME) {
        throw c.unexpected(t);
      }
      String type = c.trimmedText();
      if (!type.isEmpty()) {
        types.add(type);
      }
    }
    return types;
  }

  private static boolean caseSense(ElementCursor c) throws DmException {
    DdfTag t = c.onlyChild();
    boolean sensitive =
        switch (t) {
          case CS -> true;
          case CIS -> false;
          default -> throw c.unexpected(t);
        };
    c.requireEmpty();
    c.endOfOnlyChild();
    return sensitive;
  }
}
