package io.dmagent.tree;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the tree is stored and the limits it enforces (published in ./DevDetail/URI). */
@ObjectClassDefinition(name = "DM Agent tree", description = "The DM tree's store and limits.")
@interface TreeConfig {
  String PID = "io.dmagent.tree";

  @AttributeDefinition(
      name = "Store file",
      description =
          "Empty: tree/tree.mv.db in the agent's data folder (framework property dmagent.data).")
  String storeFile() default "";

  @AttributeDefinition(
      name = "MaxDepth",
      description = "Most URI segments; 0 = unlimited.",
      min = "0",
      max = "65535")
  int maxDepth() default 32;

  @AttributeDefinition(
      name = "MaxTotLen",
      description = "Longest URI in characters; 0 = unlimited.",
      min = "0",
      max = "65535")
  int maxTotLen() default 1024;

  @AttributeDefinition(
      name = "MaxSegLen",
      description = "Longest node name; 0 = unlimited.",
      min = "0",
      max = "65535")
  int maxSegLen() default 128;

  @AttributeDefinition(
      name = "Largest leaf value",
      description = "Bytes a leaf may hold; larger writes answer 413. 0 = unlimited.",
      min = "0")
  int maxValueBytes() default 1048576;

  @AttributeDefinition(
      name = "ACL management",
      description =
          "TND: the TND 1.3 rules. SEPARATE: only Replace on the parent allows changing an ACL (DM-AZ-001).")
  AclMode aclMode() default AclMode.TND;
}
