package io.dmagent.runtime;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks one configuration value against its MetaType attribute definition as Declarative Services
 * will convert it: a number must parse, a boolean must be {@code true} or {@code false} (DS would
 * read anything else as false), a value with options must be one of them. Says what is expected
 * when it is not.
 */
final class AttributeCheck {
  private AttributeCheck() {}

  /** Why the value does not fit, or empty when it does. */
  static Optional<String> problem(AttributeDefinition ad, Object value) {
    for (Object element : elements(value)) {
      String text = String.valueOf(element);
      if (!fits(ad.getType(), text) || !isOption(ad, text)) {
        return Optional.of("expected " + expected(ad));
      }
    }
    return Optional.empty();
  }

  private static List<Object> elements(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (value.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(Array.get(value, i));
      }
      return out;
    }
    return List.of(value);
  }

  private static boolean fits(int type, String text) {
    try {
      switch (type) {
        case AttributeDefinition.INTEGER -> Integer.parseInt(text);
        case AttributeDefinition.LONG -> Long.parseLong(text);
        case AttributeDefinition.SHORT -> Short.parseShort(text);
        case AttributeDefinition.BYTE -> Byte.parseByte(text);
        case AttributeDefinition.DOUBLE -> Double.parseDouble(text);
        case AttributeDefinition.FLOAT -> Float.parseFloat(text);
        case AttributeDefinition.BOOLEAN -> {
          return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
        }
        case AttributeDefinition.CHARACTER -> {
          return text.length() == 1;
        }
        default -> {
          return true;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isOption(AttributeDefinition ad, String text) {
    String[] options = ad.getOptionValues();
    return options == null || options.length == 0 || Arrays.asList(options).contains(text);
  }

  /** What the attribute takes, in words: {@code an integer (-2147483648..2147483647)}. */
  static String expected(AttributeDefinition ad) {
    String[] options = ad.getOptionValues();
    if (options != null && options.length > 0) {
      return "one of " + String.join(", ", options);
    }
    return switch (ad.getType()) {
      case AttributeDefinition.INTEGER ->
          "an integer (" + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ")";
      case AttributeDefinition.LONG ->
          "an integer (" + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ")";
      case AttributeDefinition.SHORT ->
          "an integer (" + Short.MIN_VALUE + ".." + Short.MAX_VALUE + ")";
      case AttributeDefinition.BYTE ->
          "an integer (" + Byte.MIN_VALUE + ".." + Byte.MAX_VALUE + ")";
      case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a decimal number";
      case AttributeDefinition.BOOLEAN -> "true or false";
      case AttributeDefinition.CHARACTER -> "a single character";
      default -> "text";
    };
  }
}
