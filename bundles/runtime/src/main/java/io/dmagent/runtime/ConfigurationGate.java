package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.cm.file.ConfigurationHandler;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks every configuration of our PIDs against its MetaType before a component receives it (a
 * ConfigurationAdmin plugin): a value that does not fit is one ERROR line with the file, the key,
 * the value and what is expected, and the component keeps the last configuration that fitted (or,
 * with none yet, the key's default) instead of failing with a conversion error. A configuration
 * file that does not parse likewise leaves the last good configuration in force ({@link
 * FolderCheck} names the file).
 */
@Component(
    service = {ConfigurationPlugin.class, ConfigurationGate.class},
    property = ConfigurationPlugin.CM_RANKING + ":Integer=0")
public final class ConfigurationGate implements ConfigurationPlugin {
  private static final String PREFIX = "io.dmagent.";
  private static final String FILE = "felix.fileinstall.filename";

  private final BundleContext context;
  private final MetaTypeService metaType;
  private final Logger log;
  private final AgentLayout layout;

  /** By PID: the last configuration that fitted, and the last problems logged (logged once). */
  private final Map<String, Map<String, Object>> lastGood = new ConcurrentHashMap<>();

  private final Map<String, List<String>> lastReported = new ConcurrentHashMap<>();

  private final Map<String, List<String>> lastUnknown = new ConcurrentHashMap<>();

  private final Map<Long, Known> metaTypes = new ConcurrentHashMap<>();

  @Activate
  public ConfigurationGate(
      BundleContext context,
      @Reference MetaTypeService metaType,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    this.metaType = metaType;
    this.log = log;
    this.layout = AgentLayout.of(context);
  }

  @Override
  public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> props) {
    Object pid = props.get(Constants.SERVICE_PID);
    if (!(pid instanceof String p) || !p.startsWith(PREFIX)) {
      return;
    }
    Object factoryPid = props.get(ConfigurationAdmin.SERVICE_FACTORYPID);
    String file = source(props, p);
    if (!parses(props.get(FILE))) {
      restore(p, props);
      return;
    }
    String definedBy = factoryPid instanceof String f ? f : p;
    Optional<ObjectClassDefinition> ocd = definition(definedBy);
    if (ocd.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    Map<String, Object> previous = lastGood.get(p);
    List<String> bad = new ArrayList<>();
    for (AttributeDefinition ad : ocd.get().getAttributeDefinitions(ObjectClassDefinition.ALL)) {
      Object value = props.get(ad.getID());
      Optional<String> problem = AttributeCheck.problem(ad, value);
      if (problem.isPresent()) {
        bad.add(ad.getID());
        problems.add(
            file
                + ": "
                + ad.getID()
                + "="
                + shown(ad, value)
                + " is invalid: "
                + problem.get()
                + (previous != null
                    ? "; the previous configuration stays in force"
                    : "; using the default " + defaultOf(ad) + " until it is fixed"));
      }
    }
    reportUnknownKeys(p, definedBy, file, props, ocd.get());
    if (problems.isEmpty()) {
      lastGood.put(p, snapshot(props));
      lastReported.remove(p);
      return;
    }
    if (previous != null) {
      restore(p, props);
    } else {
      bad.forEach(props::remove);
    }
    if (!problems.equals(lastReported.put(p, problems))) {
      problems.forEach(log::error);
    }
  }

  /**
   * A key the MetaType does not declare (a misspelt {@code maxMsgSzie}) has no effect: one WARN
   * line for each new set of such keys, so the operator knows the value was not taken.
   */
  private void reportUnknownKeys(
      String pid,
      String definedBy,
      String file,
      Dictionary<String, Object> props,
      ObjectClassDefinition ocd) {
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
      declared.add(ad.getID());
    }
    List<String> unknown = new ArrayList<>();
    for (String key : Collections.list(props.keys())) {
      if (!declares(declared, key) && !isFrameworkKey(key) && !isReferenceOrScopedKey(key)) {
        unknown.add(key);
      }
    }
    Collections.sort(unknown);
    if (!unknown.equals(lastUnknown.getOrDefault(pid, List.of()))) {
      lastUnknown.put(pid, unknown);
      for (String key : unknown) {
        log.warn(
            "{}: {} is not a setting of {}: ignored (settings: {})",
            file,
            key,
            definedBy,
            String.join(", ", new java.util.TreeSet<>(declared)));
      }
    }
  }

  /**
   * Whether {@code key} is a setting: one the MetaType declares, or an entry {@code
   * <setting>.<name>} of a declared setting that is a map by name (e.g. {@code reportAddress.srv1}
   * when {@code reportAddress} is declared), which MetaType cannot list.
   */
  static boolean declares(java.util.Set<String> declared, String key) {
    if (declared.contains(key)) {
      return true;
    }
    int dot = key.indexOf('.');
    return dot > 0 && dot < key.length() - 1 && declared.contains(key.substring(0, dot));
  }

  /**
   * Reference targets ({@code x.target}) and other bundles' namespaced keys are not ours to judge.
   */
  private static boolean isReferenceOrScopedKey(String key) {
    return key.endsWith(".target")
        || key.startsWith("felix.")
        || key.startsWith("component.")
        || key.startsWith("service.");
  }

  /** The file a configuration came from, relative to the agent's home, or its PID. */
  private String source(Dictionary<String, Object> props, String pid) {
    Object file = props.get(FILE);
    if (file == null) {
      return "configuration " + pid;
    }
    try {
      Path path = Path.of(URI.create(String.valueOf(file)));
      return path.startsWith(layout.home())
          ? layout.home().relativize(path).toString()
          : path.toString();
    } catch (IllegalArgumentException e) {
      return String.valueOf(file);
    }
  }

  /** Whether the file a configuration came from parses strictly (or it came from no file). */
  static boolean parses(Object fileUrl) {
    if (fileUrl == null) {
      return true;
    }
    try {
      Path file = Path.of(URI.create(String.valueOf(fileUrl)));
      try (InputStream in = Files.newInputStream(file)) {
        if (file.getFileName().toString().endsWith(".config")) {
          ConfigurationHandler.read(in);
        } else {
          new Properties().load(in);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void restore(String pid, Dictionary<String, Object> props) {
    Map<String, Object> previous = lastGood.get(pid);
    if (previous == null) {
      return;
    }
    for (String key : Collections.list(props.keys())) {
      if (!isFrameworkKey(key) && !previous.containsKey(key)) {
        props.remove(key);
      }
    }
    previous.forEach(props::put);
  }

  private static Map<String, Object> snapshot(Dictionary<String, Object> props) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : Collections.list(props.keys())) {
      if (!isFrameworkKey(key)) {
        out.put(key, props.get(key));
      }
    }
    return out;
  }

  private static boolean isFrameworkKey(String key) {
    return key.equals(Constants.SERVICE_PID)
        || key.equals(ConfigurationAdmin.SERVICE_FACTORYPID)
        || key.equals(ConfigurationAdmin.SERVICE_BUNDLELOCATION)
        || key.equals(FILE);
  }

  private static String shown(AttributeDefinition ad, Object value) {
    if (ad.getType() == AttributeDefinition.PASSWORD) {
      return "***";
    }
    String text =
        value != null && value.getClass().isArray()
            ? java.util.Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", "")
            : String.valueOf(value);
    return "'" + oneLine(text) + "'";
  }

  private static String defaultOf(AttributeDefinition ad) {
    String[] d = ad.getDefaultValue();
    return d == null || d.length == 0 ? "(none)" : String.join(",", d);
  }

  /** A value as part of one log line: control characters escaped, at most 80 characters. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (out.length() >= 80) {
        return out.append("...").toString();
      }
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The MetaType definition one of our bundles gives for a PID or factory PID. */
  private Optional<ObjectClassDefinition> definition(String pid) {
    for (Bundle b : context.getBundles()) {
      if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith(PREFIX)) {
        continue;
      }
      MetaTypeInformation info = metaTypeOf(b);
      if (info == null) {
        continue;
      }
      if (List.of(info.getPids()).contains(pid) || List.of(info.getFactoryPids()).contains(pid)) {
        return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
      }
    }
    return Optional.empty();
  }

  /** A bundle's MetaType, read once per installed version of the bundle. */
  private MetaTypeInformation metaTypeOf(Bundle b) {
    Known known = metaTypes.get(b.getBundleId());
    if (known == null || known.lastModified() != b.getLastModified()) {
      known = new Known(b.getLastModified(), metaType.getMetaTypeInformation(b));
      metaTypes.put(b.getBundleId(), known);
    }
    return known.info();
  }

  private record Known(long lastModified, MetaTypeInformation info) {}
}
