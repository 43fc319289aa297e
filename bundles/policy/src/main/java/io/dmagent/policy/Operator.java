package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.util.Locale;

/** A comparison of a node's value with a policy's value. */
enum Operator {
  EQ("=", "eq"),
  NE("!=", "ne"),
  LT("<", "lt"),
  LE("<=", "le"),
  GT(">", "gt"),
  GE(">=", "ge");

  private final String symbol;
  private final String word;

  Operator(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  /** {@code =} or {@code eq}, and so on (the words need no escaping in XML). */
  static Operator parse(String text) throws DmException {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (Operator o : values()) {
      if (o.symbol.equals(t) || o.word.equals(t) || (o == EQ && t.equals("=="))) {
        return o;
      }
    }
    throw new DmException(
        StatusCode.BAD_REQUEST,
        "unknown operator " + io.dmagent.api.log.WireText.quote(text) + " (eq ne lt le gt ge)");
  }

  boolean isOrdering() {
    return this != EQ && this != NE;
  }

  /** The outcome for {@code cmp}, the sign of node value compared with the policy's value. */
  boolean test(int cmp) {
    return switch (this) {
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
    };
  }

  @Override
  public String toString() {
    return word;
  }
}
