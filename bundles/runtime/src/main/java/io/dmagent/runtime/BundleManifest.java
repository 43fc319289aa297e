package io.dmagent.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
    Attributes main = mainAttributes(file);
    String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
    if (bsn == null) {
      throw new IOException(file + " is not an OSGi bundle: no Bundle-SymbolicName");
    }
    return new BundleManifest(
        bsn.split(";")[0].trim(),
        String.valueOf(main.getValue(Constants.BUNDLE_VERSION)),
        services(main.getValue(Constants.PROVIDE_CAPABILITY)));
  }

  /**
   * The manifest's main section only, read from the jar's first entries. A signed jar's manifest
   * goes on with a digest for each of its entries (BouncyCastle's: thousands), which reading it
   * whole, let alone verifying it, made the largest part of checking a feature's bundles at start.
   * The framework verifies nothing either: the download bundle checks signatures before install.
   */
  private static Attributes mainAttributes(Path file) throws IOException {
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
          return new Manifest(new ByteArrayInputStream(mainSection(zip))).getMainAttributes();
        }
      }
    }
    throw new IOException(file + " is not a jar with a manifest");
  }

  /** The bytes up to the first empty line, which ends a manifest's main section. */
  static byte[] mainSection(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    int lineLength = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      out.write(b);
      if (b == '\n') {
        if (lineLength == 0) {
          break;
        }
        lineLength = 0;
      } else if (b != '\r') {
        lineLength++;
      }
    }
    return out.toByteArray();
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
