package io.dmagent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Constants;

/**
 * What the runtime needs to know of a bundle file before installing it: its name and version, and
 * the services it declares to provide ({@code osgi.service} capabilities, as bnd writes them for DS
 * components).
 */
record BundleManifest(String symbolicName, String version, Set<String> services) {
  private static final Pattern SERVICE =
      Pattern.compile("osgi\\.service;[^,]*?objectClass(?::List<String>)?=\"([^\"]*)\"");

  static BundleManifest read(Path file) throws IOException {
    try (JarInputStream jar = new JarInputStream(Files.newInputStream(file))) {
      Manifest mf = jar.getManifest();
      if (mf == null) {
        throw new IOException(file + " is not a jar with a manifest");
      }
      Attributes main = mf.getMainAttributes();
      String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
      if (bsn == null) {
        throw new IOException(file + " is not an OSGi bundle: no Bundle-SymbolicName");
      }
      return new BundleManifest(
          bsn.split(";")[0].trim(),
          String.valueOf(main.getValue(Constants.BUNDLE_VERSION)),
          services(main.getValue(Constants.PROVIDE_CAPABILITY)));
    }
  }

  /** The service interfaces an {@code Provide-Capability} header declares. */
  static Set<String> services(String provideCapability) {
    Set<String> out = new LinkedHashSet<>();
    if (provideCapability == null) {
      return out;
    }
    Matcher m = SERVICE.matcher(provideCapability);
    while (m.find()) {
      for (String name : m.group(1).split(",")) {
        out.add(name.trim());
      }
    }
    return out;
  }

  /**
   * Whether a {@code Fragment-Host} header makes the bundle a framework extension (a fragment of
   * the system bundle, named {@code system.bundle} or by the framework's own symbolic name).
   */
  static boolean extendsFramework(String fragmentHost, String frameworkName) {
    if (fragmentHost == null) {
      return false;
    }
    String host = fragmentHost.split("[;,]", 2)[0].trim();
    return host.equals(Constants.SYSTEM_BUNDLE_SYMBOLICNAME) || host.equals(frameworkName);
  }

  boolean provides(String service) {
    return services.contains(service);
  }
}
