package io.dmagent.api.description;

/** The two representations of DDF and TNDS documents (and of DM messages). */
public enum Encoding {
  XML,
  WBXML
}
