package io.dmagent.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** Policies as TNDS documents, written as a server would send them (dmtnds+xml). */
final class Tnds {
  private final String name;
  private final Map<String, Map<String, String>> conditions = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> actions = new LinkedHashMap<>();
  private final Map<String, String> leaves = new LinkedHashMap<>();

  private Tnds(String name) {
    this.name = name;
  }

  /** A policy named {@code name}, Active, reporting in the next session. */
  static Tnds policy(String name) {
    Tnds t = new Tnds(name);
    t.leaves.put("Name", name);
    t.leaves.put("State", "Active");
    return t;
  }

  /** A condition: {@code params} alternate name, value; the type first. */
  Tnds condition(String cname, String type, String... params) {
    conditions.put(cname, params(type, params));
    return this;
  }

  Tnds action(String aname, String type, String... params) {
    actions.put(aname, params(type, params));
    return this;
  }

  Tnds leaf(String leaf, String value) {
    leaves.put(leaf, value);
    return this;
  }

  Tnds without(String leaf) {
    leaves.remove(leaf);
    return this;
  }

  private static Map<String, String> params(String type, String... params) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Type", type);
    for (int i = 0; i + 1 < params.length; i += 2) {
      m.put(params[i], params[i + 1]);
    }
    return m;
  }

  String xml() {
    StringBuilder b = new StringBuilder("<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD>");
    b.append("<Node><NodeName>").append(name).append("</NodeName>").append(interior());
    leaves.forEach((k, v) -> b.append(leafNode(k, v)));
    b.append("<Node><NodeName>Conditions</NodeName>").append(interior());
    conditions.forEach((k, v) -> b.append(part(k, v)));
    b.append("</Node><Node><NodeName>Actions</NodeName>").append(interior());
    actions.forEach((k, v) -> b.append(part(k, v)));
    b.append("</Node></Node></MgmtTree>");
    return b.toString();
  }

  private static String part(String name, Map<String, String> params) {
    StringBuilder b = new StringBuilder("<Node><NodeName>" + name + "</NodeName>" + interior());
    params.forEach((k, v) -> b.append(leafNode(k, v)));
    return b.append("</Node>").toString();
  }

  private static String interior() {
    return "<RTProperties><Format><node/></Format></RTProperties>";
  }

  private static String leafNode(String name, String value) {
    return "<Node><NodeName>"
        + name
        + "</NodeName><RTProperties><Format><chr/></Format><Type><MIME>text/plain</MIME></Type>"
        + "</RTProperties><Value>"
        + value.replace("&", "&amp;").replace("<", "&lt;")
        + "</Value></Node>";
  }
}
