package io.squidlens.recommend;

import java.util.Locale;

/** Where a recommended NO_PROXY list goes. */
public enum Target {
  /** OpenShift {@code proxy/cluster} {@code spec.noProxy}: only what OpenShift does not add. */
  CLUSTER("cluster"),
  /** CRI-O's environment file: the complete list, nothing is added for it. */
  CRIO("crio"),
  /** Shell exports, upper and lower case: the complete list. */
  ENV("env"),
  /** JVM flags: {@code http.nonProxyHosts}, the JDK's own dialect (it never reads NO_PROXY). */
  JAVA("java"),
  /** The docker daemon's systemd drop-in and the client's {@code ~/.docker/config.json}. */
  DOCKER("docker"),
  /** The Migration Toolkit for Containers' MigrationController {@code spec.noProxy}. */
  MTC("mtc");

  private final String id;

  Target(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON. */
  public String id() {
    return id;
  }

  /**
   * Parses a target name.
   *
   * @throws IllegalArgumentException naming the value and the valid names
   */
  public static Target of(String id) {
    String s = id.strip().toLowerCase(Locale.ROOT);
    for (Target t : values()) {
      if (t.id.equals(s)) {
        return t;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (Target t : values()) {
      valid.append(valid.length() == 0 ? "" : ", ").append(t.id);
    }
    throw new IllegalArgumentException("unknown target '" + id + "': expected " + valid);
  }

  @Override
  public String toString() {
    return id;
  }
}
