package io.dmagent.runtime;

import java.util.List;

/** What one applied feature change did to the framework: the bundles it installed and removed. */
record BundleChange(List<String> installed, List<String> uninstalled) {
  BundleChange {
    installed = List.copyOf(installed);
    uninstalled = List.copyOf(uninstalled);
  }

  boolean isEmpty() {
    return installed.isEmpty() && uninstalled.isEmpty();
  }

  /** In words, e.g. {@code installed and started 1 bundle (x); uninstalled 2 bundles (y, z)}. */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "no bundle installed or uninstalled";
    }
    StringBuilder out = new StringBuilder();
    if (!installed.isEmpty()) {
      out.append("installed and started ").append(count(installed));
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
