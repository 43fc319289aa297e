package io.dmagent.runtime;

import java.util.List;

/**
 * What one applied feature change did to the framework: the bundles it installed, updated from
 * their changed files, and removed.
 */
record BundleChange(List<String> installed, List<String> updated, List<String> uninstalled) {
  BundleChange {
    installed = List.copyOf(installed);
    updated = List.copyOf(updated);
    uninstalled = List.copyOf(uninstalled);
  }

  boolean isEmpty() {
    return installed.isEmpty() && updated.isEmpty() && uninstalled.isEmpty();
  }

  /**
   * In words, e.g. {@code installed and started 1 bundle (x); updated 1 bundle (w) from its file;
   * uninstalled 2 bundles (y, z)}.
   */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "no bundle installed or uninstalled";
    }
    StringBuilder out = new StringBuilder();
    if (!installed.isEmpty()) {
      out.append("installed and started ").append(count(installed));
    }
    if (!updated.isEmpty()) {
      out.append(out.length() > 0 ? "; " : "")
          .append("updated ")
          .append(count(updated))
          .append(updated.size() == 1 ? " from its changed file" : " from their changed files");
    }
    if (!uninstalled.isEmpty()) {
      out.append(out.length() > 0 ? "; " : "").append("uninstalled ").append(count(uninstalled));
    }
    return out.toString();
  }

  private static String count(List<String> bundles) {
    return bundles.size()
        + (bundles.size() == 1 ? " bundle (" : " bundles (")
        + String.join(", ", bundles)
        + ")";
  }
}
