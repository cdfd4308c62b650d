package io.squidlens.recommend;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A recommended NO_PROXY value for one target, each entry with its evidence, and the ready-to-paste
 * artifact. Immutable. Made by the recommender; read by the reports.
 *
 * @param target where the value goes
 * @param noProxy the comma-separated value to set (sorted, de-duplicated)
 * @param entries every entry considered: those in {@code noProxy} and those left out because they
 *     are already in force, sorted by value
 * @param current the entries of the list in force (when known), each with what the log shows
 * @param artifact the text to paste (a command or file lines)
 * @param notes what the user should know before applying it
 * @param warnings what the user must know about this value before pasting it: entries in force left
 *     out (or kept) as unsafe, a size near a consumer's limit
 * @param errors why the value must not be applied as is (too long, rejected by OpenShift); empty
 *     when it can be
 * @param incomplete whether the destination table overflowed, so private destinations beyond it are
 *     missing from the value (it stays safe: no entry exempts an untracked destination)
 */
public record Recommendation(
    Target target,
    String noProxy,
    List<Entry> entries,
    List<CurrentEntry> current,
    String artifact,
    List<String> notes,
    List<String> warnings,
    List<String> errors,
    boolean incomplete) {

  /** Checks fields and copies lists. */
  public Recommendation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(noProxy, "noProxy");
    entries = List.copyOf(entries);
    current = List.copyOf(current);
    Objects.requireNonNull(artifact, "artifact");
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
  }

  /**
   * An internet destination that an entry in force exempts, and how many requests the log shows.
   *
   * @param host the destination host
   * @param requests its requests
   */
  public record Exempted(String host, long requests) {
    /** Checks fields. */
    public Exempted {
      Objects.requireNonNull(host, "host");
    }
  }

  /** Why an entry is, or is not, in the recommended value. */
  public enum Status {
    /** Recommended and not in force yet. */
    NEW("new"),
    /** Always part of this target's list (CRI-O's baseline), whether or not the log shows it. */
    BASELINE("baseline"),
    /** Added automatically by OpenShift's cluster-network-operator: left out of spec.noProxy. */
    ADDED_BY_OPENSHIFT("added-by-openshift"),
    /**
     * Already covered by another entry (named by coveredBy) of the list in force or of the target's
     * baseline: left out.
     */
    ALREADY_COVERED("already-covered");

    private final String id;

    Status(String id) {
      this.id = id;
    }

    /** The name used in JSON. */
    public String id() {
      return id;
    }

    /** Whether entries with this status are part of the emitted value. */
    public boolean emitted() {
      return this == NEW || this == BASELINE;
    }
  }

  /**
   * One entry with its evidence.
   *
   * @param entry the entry
   * @param reason why it is recommended
   * @param covers the observed hosts it exempts, sorted
   * @param requests requests to those hosts
   * @param deniedRequests of those, denied by Squid (strong evidence)
   * @param firstSeen earliest time, epoch ms ({@code Long.MAX_VALUE} when unobserved)
   * @param lastSeen latest time, epoch ms ({@code Long.MIN_VALUE} when unobserved)
   * @param examples line references ({@link io.squidlens.base.LineRefs}) of example lines
   * @param status whether and why it is in the value
   * @param coveredBy for entries left out: the entry in force that already covers them
   */
  public record Entry(
      NoProxyEntry entry,
      String reason,
      List<String> covers,
      long requests,
      long deniedRequests,
      long firstSeen,
      long lastSeen,
      List<Long> examples,
      Status status,
      String coveredBy) {

    /** Checks fields and copies lists. */
    public Entry {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(reason, "reason");
      covers = List.copyOf(covers);
      examples = List.copyOf(examples);
      Objects.requireNonNull(status, "status");
    }

    /** The entry as written in a list. */
    public String value() {
      return entry.value();
    }

    /** Whether the log shows traffic this entry covers. */
    public boolean observed() {
      return !covers.isEmpty();
    }
  }

  /**
   * One entry of the list in force and what the log says about it. The log cannot prove an entry
   * useless: traffic it exempts never reaches the proxy. Traffic it should have exempted that did
   * reach the proxy shows a client that does not read the list (or reads it differently).
   *
   * @param value the entry as written
   * @param kept whether the recommended value keeps it
   * @param note what the log shows, or why it was dropped
   * @param covers logged hosts it matches in Go semantics, sorted, at most {@value #MAX_COVERS}
   * @param hosts how many logged hosts it matches
   * @param requests requests to them
   * @param unsafeReason why the entry must not be pasted (it exempts internet destinations the log
   *     shows, or is too broad by its shape), or null when it is safe
   * @param exemptsInternet the internet destinations it exempts, up to {@value #MAX_COVERS}
   */
  public record CurrentEntry(
      String value,
      boolean kept,
      String note,
      List<String> covers,
      long hosts,
      long requests,
      String unsafeReason,
      List<Exempted> exemptsInternet) {
    /** Most hosts listed in {@code covers}. */
    public static final int MAX_COVERS = 10;

    /** Checks fields and copies lists. */
    public CurrentEntry {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(note, "note");
      covers = List.copyOf(covers);
      exemptsInternet = List.copyOf(exemptsInternet);
    }

    /** Whether the entry is unsafe to paste. */
    public boolean unsafe() {
      return unsafeReason != null;
    }
  }

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
}
