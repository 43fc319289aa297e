package io.dmagent.launcher;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** How many bundles are active, and which are not: the one line an operator reads first. */
record BundleCensus(int active, int total, List<String> inactive) {
  static BundleCensus of(BundleContext context) {
    int active = 0;
    int total = 0;
    List<String> inactive = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      if (b.getBundleId() == 0 || b.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
        continue;
      }
      total++;
      if (b.getState() == Bundle.ACTIVE) {
        active++;
      } else {
        inactive.add(b.getSymbolicName());
      }
    }
    return new BundleCensus(active, total, inactive);
  }

  @Override
  public String toString() {
    return active
        + " of "
        + total
        + " bundles active"
        + (inactive.isEmpty() ? "" : ", not active: " + inactive);
  }
}
