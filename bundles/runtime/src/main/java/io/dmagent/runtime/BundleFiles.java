package io.dmagent.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Feature bundles installed from their files, and brought up to date with them: the framework cache
 * is kept between starts, so a bundle it holds runs the bytes it was installed from until it is
 * updated. The launcher (the boot feature) and the runtime (every other feature) install through
 * this, so {@link InstalledFiles} knows every feature bundle. Bundles installed otherwise (SCOMO,
 * deploy/) are not its concern.
 */
public final class BundleFiles {
  private final BundleContext context;
  private final InstalledFiles record;

  private BundleFiles(BundleContext context, InstalledFiles record) {
    this.context = context;
    this.record = record;
  }

  /** The record of the framework {@code context} belongs to, in its system bundle's data area. */
  public static BundleFiles of(BundleContext context) throws IOException {
    BundleContext system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getBundleContext();
    File data = system != null ? system.getDataFile(InstalledFiles.NAME) : null;
    if (data == null) {
      throw new IOException("the framework has no data area for " + InstalledFiles.NAME);
    }
    return new BundleFiles(context, InstalledFiles.at(data.toPath()));
  }

  /** Installs the bundle of {@code location} from {@code file}. */
  public Bundle install(String location, Path file) throws IOException, BundleException {
    Bundle b;
    try (InputStream in = Files.newInputStream(file)) {
      b = context.installBundle(location, in);
    }
    record.installedFrom(location, file);
    return b;
  }

  /**
   * Updates {@code b} from {@code file} when it was installed from other bytes (or from before the
   * record).
   *
   * @return true when it was updated; it needs a refresh then if other bundles were wired to it
   */
  public boolean updateIfChanged(Bundle b, Path file) throws IOException, BundleException {
    if (record.isCurrent(b.getLocation(), file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      b.update(in);
    }
    record.installedFrom(b.getLocation(), file);
    return true;
  }

  /** Forgets a bundle that was uninstalled. */
  public void forget(String location) {
    record.forget(location);
  }

  /** Keeps what was installed and updated for the next start. */
  public void save() throws IOException {
    record.save();
  }
}
