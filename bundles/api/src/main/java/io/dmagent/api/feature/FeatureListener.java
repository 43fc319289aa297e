package io.dmagent.api.feature;

import java.util.List;

/**
 * Told when the running set of features changed, whoever changed it (the configuration file, the
 * console, a {@link Features} caller): registered as a service (whiteboard), called by the runtime
 * after the change, on the runtime's thread; it must return quickly.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface FeatureListener {

  /**
   * @param running the names of the features in the running set now
   */
  void featuresChanged(List<String> running);
}
