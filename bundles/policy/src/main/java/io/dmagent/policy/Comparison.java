package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.util.Locale;

/**
 * A node's value compared with a constant in the node's Format: int and float by number, bool by
 * truth, chr and the others by text (equality only). A constant that does not fit the Format, or an
 * ordering of text, is ill-typed: 405.
 */
record Comparison(NodeUri node, Operator operator, NodeFormat format, Object constant) {

  static Comparison of(NodeUri node, Operator operator, NodeFormat format, String constant)
      throws DmException {
    return new Comparison(node, operator, format, parse(node, operator, format, constant));
  }

  private static Object parse(NodeUri node, Operator op, NodeFormat format, String text)
      throws DmException {
    String t = text.strip();
    try {
      switch (format) {
        case INT:
          return Long.parseLong(t);
        case FLOAT:
          return Double.parseDouble(t);
        case BOOL:
          if (op.isOrdering()) {
            throw illTyped(node, op, format);
          }
          return parseBool(t).orElseThrow(() -> illTyped(node, op, format));
        default:
          if (op.isOrdering()) {
            throw illTyped(node, op, format);
          }
          return text;
      }
    } catch (NumberFormatException e) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          "ill-typed comparison: "
              + node
              + " is "
              + format.wireName()
              + ", the value "
              + io.dmagent.api.log.WireText.quote(text)
              + " is not");
    }
  }

  private static DmException illTyped(NodeUri node, Operator op, NodeFormat format) {
    return new DmException(
        StatusCode.COMMAND_NOT_ALLOWED,
        "ill-typed comparison: " + node + " is " + format.wireName() + ", no " + op + " on it");
  }

  static java.util.Optional<Boolean> parseBool(String t) {
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> java.util.Optional.of(true);
      case "false", "0" -> java.util.Optional.of(false);
      default -> java.util.Optional.empty();
    };
  }

  /** Whether {@code value} passes; 405 when its Format is no longer the one checked. */
  boolean test(NodeValue value) throws DmException {
    if (value.format() != format) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          node + " is now " + value.format().wireName() + ", was " + format.wireName());
    }
    String t = value.text().strip();
    try {
      int cmp =
          switch (format) {
            case INT -> Long.compare(Long.parseLong(t), (Long) constant);
            case FLOAT -> Double.compare(Double.parseDouble(t), (Double) constant);
            case BOOL -> parseBool(t).orElse(false).equals(constant) ? 0 : 1;
            default -> value.text().equals(constant) ? 0 : 1;
          };
      return operator.test(cmp);
    } catch (NumberFormatException e) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED, node + " holds no " + format.wireName());
    }
  }
}
