package io.dmagent.stdobj;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;

/** Fluent fixture: a {@link DeviceIdentityConfig} as ConfigAdmin would hand it to the component. */
final class IdentityConfigs {
  private final Map<String, String> values = new HashMap<>();

  static IdentityConfigs defaults() {
    return new IdentityConfigs();
  }

  IdentityConfigs with(String attribute, String value) {
    values.put(attribute, value);
    return this;
  }

  DeviceIdentityConfig build() {
    Map<String, String> v = Map.copyOf(values);
    return new DeviceIdentityConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return DeviceIdentityConfig.class;
      }

      @Override
      public String devId() {
        return v.getOrDefault("devId", "");
      }

      @Override
      public String manufacturer() {
        return v.getOrDefault("manufacturer", "");
      }

      @Override
      public String model() {
        return v.getOrDefault("model", "");
      }

      @Override
      public String language() {
        return v.getOrDefault("language", "");
      }

      @Override
      public String deviceType() {
        return v.getOrDefault("deviceType", "gateway");
      }

      @Override
      public String oem() {
        return v.getOrDefault("oem", "");
      }

      @Override
      public String firmwareVersion() {
        return v.getOrDefault("firmwareVersion", "");
      }

      @Override
      public String softwareVersion() {
        return v.getOrDefault("softwareVersion", "");
      }

      @Override
      public String hardwareVersion() {
        return v.getOrDefault("hardwareVersion", "");
      }
    };
  }
}
