package io.dmagent.httplistener;

import jakarta.servlet.Servlet;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers {@link HelloServlet} at /hello on the HTTP Whiteboard. */
public final class HelloActivator implements BundleActivator {
  @Override
  public void start(BundleContext context) {
    Dictionary<String, Object> props = new Hashtable<>();
    props.put("osgi.http.whiteboard.servlet.pattern", "/hello");
    context.registerService(Servlet.class, new HelloServlet(), props);
  }

  @Override
  public void stop(BundleContext context) {}
}
