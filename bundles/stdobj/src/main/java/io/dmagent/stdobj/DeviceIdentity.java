package io.dmagent.stdobj;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The values DevInfo and DevDetail publish: a configured override where there is one, else a
 * detected fact.
 */
final class DeviceIdentity {
  private final DeviceIdentityConfig config;
  private final GatewayFacts facts;
  private final Supplier<String> keptId;
  private final String agentVersion;

  DeviceIdentity(
      DeviceIdentityConfig config,
      GatewayFacts facts,
      Supplier<String> keptId,
      String agentVersion) {
    this.config = config;
    this.facts = facts;
    this.keptId = keptId;
    this.agentVersion = agentVersion;
  }

  /**
   * For plain Java without a data folder: an id made for this instance stands in for a kept one.
   */
  DeviceIdentity(DeviceIdentityConfig config, GatewayFacts facts, String agentVersion) {
    this(config, facts, () -> "urn:uuid:" + java.util.UUID.randomUUID(), agentVersion);
  }

  /**
   * In this order: the configured {@code devId} (an operator pins it), the board's serial number,
   * the first permanent MAC address, an id made at the first start and kept in {@code data/}.
   */
  String devId() {
    return configured(config.devId()).or(facts::deviceUrn).orElseGet(keptId);
  }

  String manufacturer() {
    return configured(config.manufacturer())
        .or(
            () ->
                facts
                    .boardModel()
                    .filter(m -> m.startsWith("Raspberry Pi"))
                    .map(m -> "Raspberry Pi Ltd"))
        .orElse("unknown");
  }

  String model() {
    return configured(config.model())
        .or(facts::boardModel)
        .orElse("generic-" + facts.cpuArchitecture());
  }

  /** DM client version: the agent's own version. */
  String dmVersion() {
    return "DM Agent " + agentVersion;
  }

  String language() {
    return configured(config.language()).orElseGet(GatewayFacts::jvmLanguage);
  }

  String deviceType() {
    return configured(config.deviceType()).orElse("gateway");
  }

  String oem() {
    return configured(config.oem()).orElseGet(this::manufacturer);
  }

  String firmwareVersion() {
    return configured(config.firmwareVersion()).orElse("Linux " + facts.kernelVersion());
  }

  String softwareVersion() {
    return configured(config.softwareVersion())
        .or(facts::osName)
        .orElse(System.getProperty("os.name", "unknown"));
  }

  String hardwareVersion() {
    return configured(config.hardwareVersion())
        .or(facts::boardModel)
        .or(facts::cpuModel)
        .orElse(facts.cpuArchitecture());
  }

  GatewayFacts facts() {
    return facts;
  }

  private static Optional<String> configured(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  static String languageOf(Locale locale) {
    String tag = locale.toLanguageTag();
    return tag.equals("und") ? "en" : tag;
  }
}
