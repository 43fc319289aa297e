package io.dmagent.api.description;

/**
 * DDF Scope: permanent nodes are built in, dynamic ones (the default) come and go with Add and
 * Delete.
 */
public enum Scope {
  PERMANENT,
  DYNAMIC
}
