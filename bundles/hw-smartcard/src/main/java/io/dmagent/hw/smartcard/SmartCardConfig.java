package io.dmagent.hw.smartcard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Which readers the plugin watches and how much of a card it reads. */
@ObjectClassDefinition(
    name = "DM Agent smart-card bootstrap",
    description =
        "Reads the DM bootstrap file (PKCS#15 EF(DM_Bootstrap)) and bootstrap server URLs from a"
            + " smart card in a PC/SC reader (pcscd) and applies them; a card taken out takes its"
            + " accounts with it.")
@interface SmartCardConfig {
  String PID = "io.dmagent.hw.smartcard";

  @AttributeDefinition(description = "Watch the readers at all (false: the plugin does nothing).")
  boolean enabled() default true;

  @AttributeDefinition(
      description =
          "Java regular expression found in the names of the readers to watch (e.g. 'Gemalto',"
              + " '^Virtual PCD 00 00$'); empty: every reader.")
  String readerFilter() default "";

  @AttributeDefinition(
      description =
          "Milliseconds to wait for a card or reader change between two looks at the readers;"
              + " also how long stopping the plugin may take (at least 50).")
  long waitMillis() default 1000;

  @AttributeDefinition(
      description =
          "Largest EF(DM_Bootstrap) read, in bytes; a larger file is refused whole (at least"
              + " 1024).")
  int maxFileSize() default 256 * 1024;
}
