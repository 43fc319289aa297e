package io.dmagent.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * How many of our DS components work (active, or satisfied and waiting to be used) and, for each
 * that does not, why: the readiness an operator can trust. A bundle can be ACTIVE while its only
 * component failed to activate (a port taken, a store that does not open). A component that waits
 * for a configuration nobody gave (a factory configuration such as a second DM account) is not
 * counted: it is not meant to run.
 */
record ComponentCensus(int active, int total, List<String> notActive) {
  /** Our bundles: those whose components the census counts. */
  static final Predicate<Bundle> OURS =
      b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.dmagent.");

  private static final int FAILURE_TEXT = 200;

  ComponentCensus {
    notActive = List.copyOf(notActive);
  }

  static ComponentCensus of(ServiceComponentRuntime scr, Bundle[] bundles) {
    Bundle[] ours = Arrays.stream(bundles).filter(OURS).toArray(Bundle[]::new);
    int active = 0;
    int total = 0;
    List<String> notActive = new ArrayList<>();
    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(ours)) {
      if (!scr.isComponentEnabled(d)) {
        continue;
      }
      for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
        if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
          continue;
        }
        total++;
        if (c.state == ComponentConfigurationDTO.ACTIVE
            || c.state == ComponentConfigurationDTO.SATISFIED) {
          active++;
        } else {
          notActive.add(d.name + " (" + d.bundle.symbolicName + "): " + why(c));
        }
      }
    }
    return new ComponentCensus(active, total, notActive);
  }

  private static String why(ComponentConfigurationDTO c) {
    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
      String cause = rootCause(c.failure);
      return "activation failed" + (cause.isEmpty() ? "" : ": " + shorten(cause));
    }
    if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
      List<String> refs = new ArrayList<>();
      for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
        refs.add(r.name);
      }
      return "no service for " + String.join(", ", refs);
    }
    return "state " + c.state;
  }

  /**
   * The message of the innermost cause in a failure's stack trace text ({@code Caused by: ...}),
   * without the exception's package, and without its class when the message says enough.
   */
  static String rootCause(String failure) {
    if (failure == null) {
      return "";
    }
    String last = failure.strip().lines().findFirst().orElse("");
    for (String line : (Iterable<String>) failure.lines()::iterator) {
      if (line.startsWith("Caused by: ")) {
        last = line.substring("Caused by: ".length());
      }
    }
    int colon = last.indexOf(": ");
    if (colon <= 0 || last.substring(0, colon).contains(" ")) {
      return last.strip();
    }
    String message = last.substring(colon + 2).strip();
    String type = last.substring(last.lastIndexOf('.', colon) + 1, colon);
    // A message of one word (a path, a host) says little without what happened to it.
    return message.contains(" ") ? message : type + ": " + message;
  }

  private static String shorten(String text) {
    return text.length() <= FAILURE_TEXT ? text : text.substring(0, FAILURE_TEXT) + "...";
  }

  boolean allActive() {
    return notActive.isEmpty();
  }

  @Override
  public String toString() {
    return active
        + " of "
        + total
        + " components active"
        + (notActive.isEmpty() ? "" : "; not active: " + String.join("; ", notActive));
  }
}
