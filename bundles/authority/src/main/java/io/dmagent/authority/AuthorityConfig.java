package io.dmagent.authority;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Priorities between the management authorities of this gateway (DM-HLF-020). */
@ObjectClassDefinition(
    name = "DM Agent management authorities",
    description = "Priorities between DM servers that write the same management object instance.")
@interface AuthorityConfig {
  String PID = "io.dmagent.authority";

  @AttributeDefinition(
      name = "Priorities",
      description =
          "ServerID=priority, one per server (higher wins; unlisted servers have 0). A server may not"
              + " write an MO instance a higher-priority server wrote last (403).")
  String[] priorities() default {};
}
