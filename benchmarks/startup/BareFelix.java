import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The floor the agent's start-up is measured against: a bare Felix framework with SCR, ConfigAdmin, FileInstall and
 * Gogo (and the OSGi API bundles SCR needs), started through FrameworkFactory exactly as the agent's launcher does,
 * printing "ready" when every bundle is ACTIVE. Arguments: a cache folder, then the bundle jars; FileInstall's
 * settings come as system properties (startup.sh gives it the agent's).
 */
public final class BareFelix {
  public static void main(String[] args) throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put(Constants.FRAMEWORK_STORAGE, args[0]);
    props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    props.put("gosh.args", "--nointeractive");
    Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
    framework.init();
    List<Bundle> bundles = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      try (InputStream in = new FileInputStream(new File(args[i]))) {
        bundles.add(framework.getBundleContext().installBundle(args[i], in));
      }
    }
    framework.start();
    for (Bundle b : bundles) {
      b.start();
    }
    System.out.println("bare Felix ready: " + bundles.size() + " bundles");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        framework.stop();
        framework.waitForStop(10_000);
      } catch (Exception e) {
        // exiting anyway
      }
    }));
    framework.waitForStop(0);
  }
}
