package io.dmagent.api.description;

/** Commands a node supports by its DDF, independent of the ACL. */
public enum AccessType {
  ADD,
  COPY,
  DELETE,
  EXEC,
  GET,
  REPLACE
}
