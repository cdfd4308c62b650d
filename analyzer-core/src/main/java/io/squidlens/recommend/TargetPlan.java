package io.squidlens.recommend;

import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
import io.squidlens.recommend.Recommendation.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one target's recommendation is made: proxy/cluster subtracts what the
 * cluster-network-operator adds itself; every other target gets a complete list, rendered in its
 * own variable, dialect and file. One implementation per {@link Target}.
 */
sealed interface TargetPlan permits TargetPlan.Cluster, TargetPlan.CompleteListPlan {

  /** The recommendation for this target. */
  Recommendation recommend(Recommending r);

  /** The plan of {@code target}. */
  static TargetPlan of(Target target) {
    return switch (target) {
      case CLUSTER -> new Cluster();
      case CRIO -> new Crio();
      case ENV -> new Env();
      case JAVA -> new Java();
      case DOCKER -> new Docker();
      case MTC -> new Mtc();
    };
  }

  /**
   * proxy/cluster: spec.noProxy holds only what the operator does not add. A patch replaces the
   * field as a whole, so the user's entries stay in the value unless OpenShift would reject them or
   * they are unsafe.
   */
  final class Cluster implements TargetPlan {
    @Override
    public Recommendation recommend(Recommending r) {
      ProxySettings settings = r.settings;
      List<String> written = trimmedEntries(settings.clusterSpec());
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, String> fate = new HashMap<>();
      boolean starAlone = written.equals(List.of("*"));
      for (String w : written) {
        String why = starAlone ? null : NoProxyValidation.openShiftRejects(w);
        String lower = w.toLowerCase(Locale.ROOT);
        if (why == null) {
          values.put(w, w);
        } else if (NoProxyValidation.openShiftRejects(lower) == null) {
          // Same meaning to every client (all compare case-insensitively), and now valid.
          values.put(w, lower);
          fate.put(w, "rewritten as '" + lower + "' (" + why + ")");
        } else {
          values.put(w, null);
          fate.put(w, "dropped: OpenShift rejects it (" + why + ")");
        }
      }
      InForce spec =
          InForce.sort(
              values, fate, r.safety, SafetyCheck.GO, "spec.noProxy", r.keepUnsafe, r.names);
      // What is in force: the operator's own result when known, else what it adds, and never an
      // entry of spec.noProxy: the patch replaces those, and any left out stops being in force.
      Set<String> automatic = new LinkedHashSet<>();
      if (settings.clusterStatus() != null) {
        automatic.addAll(Recommending.entriesOf(settings.clusterStatus()));
      } else {
        automatic.addAll(r.addedByOpenShift().keySet());
      }
      for (String w : written) {
        automatic.remove(w.toLowerCase(Locale.ROOT));
      }
      automatic.removeAll(r.safety.check(automatic, SafetyCheck.GO).keySet());
      List<String> inForce = new ArrayList<>(spec.kept());
      inForce.addAll(automatic);
      NoProxySemantics.Matcher goInForce = GoSemantics.INSTANCE.compile(String.join(",", inForce));

      List<Recommendation.Entry> entries = new ArrayList<>();
      TreeSet<String> value = new TreeSet<>(spec.kept());
      boolean added = false;
      GoSemantics.Covering byInForce = new GoSemantics.Covering(inForce);
      for (Candidates.Candidate c : r.candidates.values()) {
        String by = byInForce.first(c.entry.value());
        if (by == null) {
          by = coveredByAll(goInForce, c);
        }
        if (by == null) {
          entries.add(c.toEntry(Recommendation.Status.NEW, null));
          value.add(c.entry.value());
          added = true;
        } else if (spec.kept().contains(by)) {
          entries.add(c.toEntry(Recommendation.Status.ALREADY_COVERED, by));
        } else {
          entries.add(c.toEntry(Recommendation.Status.ADDED_BY_OPENSHIFT, by));
        }
      }
      List<String> notes = new ArrayList<>();
      List<String> warnings = new ArrayList<>(spec.warnings());
      List<Recommendation.CurrentEntry> current =
          spec.evidence(
              written,
              r.verdicts,
              w -> values.get(w) != null && spec.kept().contains(values.get(w)));
      if (value.contains("*") && value.size() > 1) {
        value.retainAll(Set.of("*"));
      }
      r.safetyNet(value, spec.unsafe(), SafetyCheck.GO, warnings);
      String noProxy = String.join(",", value);
      List<String> errors = new ArrayList<>(NoProxyValidation.openShiftProblems(noProxy));
      Recommending.addSizeChecks("spec.noProxy", noProxy, warnings, errors);
      if (!r.profile.openShift()) {
        notes.add(
            "the "
                + r.profile.id()
                + " profile has no proxy/cluster object; use the crio or env target instead");
      } else if (r.profile.ibmCloud()) {
        notes.add(
            "on IBM Cloud (ROKS) proxy/cluster does not reach the workers' CRI-O: image pulls"
                + " need the crio target");
      }
      boolean rewritten = spec.fate().values().stream().anyMatch(f -> !f.startsWith("kept"));
      List<String> syntax =
          spec.fate().entrySet().stream()
              .filter(
                  e -> e.getValue().startsWith("rewritten") || e.getValue().startsWith("dropped"))
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      if (!syntax.isEmpty()) {
        notes.add(
            "spec.noProxy holds entries the cluster-network-operator rejects, which leaves"
                + " status.noProxy stale; the patch fixes or drops them: "
                + String.join(",", syntax));
      }
      if (!settings.clusterHasProxy()) {
        notes.add(
            "proxy/cluster sets neither httpProxy nor httpsProxy: OpenShift rejects spec.noProxy"
                + " alone");
      }
      if (settings.knowsCluster() && settings.clusterStatus() == null) {
        notes.add(
            "status.noProxy is empty in "
                + settings.source()
                + ": coverage was checked against spec.noProxy plus what OpenShift adds");
      }
      notes.addAll(r.networks.assumed());
      String artifact;
      if (!added && !rewritten) {
        artifact =
            "# nothing to add: the list in force already exempts every private destination in"
                + " this log";
      } else {
        artifact = Artifacts.clusterPatch(noProxy);
        notes.add(
            "after patching, check 'oc get co network' (Degraded with InvalidProxyConfig means"
                + " the value was rejected) and 'oc get proxy/cluster -o"
                + " jsonpath={.status.noProxy}'");
      }
      artifact = r.marked(artifact, spec.keptUnsafe());
      return new Recommendation(
          Target.CLUSTER,
          noProxy,
          entries,
          current,
          artifact,
          notes,
          warnings,
          errors,
          r.incomplete);
    }

    /** The trimmed non-empty entries of a list as written, first occurrence kept. */
    private static List<String> trimmedEntries(String value) {
      if (value == null) {
        return List.of();
      }
      Set<String> out = new LinkedHashSet<>();
      for (String raw : value.split(",", -1)) {
        if (!raw.isBlank()) {
          out.add(raw.strip());
        }
      }
      return List.copyOf(out);
    }

    /** The entry in force that exempts every destination of {@code c}, or null. */
    private static String coveredByAll(NoProxySemantics.Matcher m, Candidates.Candidate c) {
      String by = null;
      for (Verdict v : c.verdicts) {
        String hit = m.route(v.destination()).entry();
        if (hit == null) {
          return null;
        }
        by = hit.strip().toLowerCase(Locale.ROOT);
      }
      return by;
    }
  }

  /**
   * A target that gets the complete list: its baseline, every candidate, the entries in force,
   * written in the target's own dialect and artifact.
   */
  abstract sealed class CompleteListPlan implements TargetPlan
      permits Crio, Env, Java, Docker, Mtc {
    private final Target target;
    private final String variable;

    /**
     * A plan for {@code target}.
     *
     * @param variable what the value is set in, for its size limit
     */
    CompleteListPlan(Target target, String variable) {
      this.target = target;
      this.variable = variable;
    }

    /** The clients that read this target's value, for the safety check. */
    List<NoProxySemantics> readers() {
      return SafetyCheck.GO;
    }

    /** Whether the baseline holds the IBM Cloud registry (CRI-O's does). */
    boolean crioBaseline() {
      return false;
    }

    /** The proxies to write: the known ones, or the placeholder (which a note explains). */
    Proxies proxies(Recommending r, List<String> notes) {
      String http = r.proxyOrPlaceholder(r.settings.forHttp(), notes);
      return new Proxies(http, r.settings.forHttps() == null ? http : r.settings.forHttps());
    }

    /** The value in this target's dialect; what the translation changed goes to {@code notes}. */
    String dialect(Recommending r, Recommending.CompleteList list, List<String> notes) {
      return list.value();
    }

    /** The text to paste; what the user must do with it goes to {@code notes}. */
    abstract String artifact(Recommending r, Proxies proxies, String value, List<String> notes);

    @Override
    public final Recommendation recommend(Recommending r) {
      Recommending.CompleteList list = r.complete(crioBaseline(), readers());
      List<String> notes = new ArrayList<>();
      List<String> warnings = new ArrayList<>(list.warnings());
      List<String> errors = new ArrayList<>();
      Proxies proxies = proxies(r, notes);
      String value = dialect(r, list, notes);
      Recommending.addSizeChecks(variable, value, warnings, errors);
      String artifact = artifact(r, proxies, value, notes);
      notes.addAll(r.networks.assumed());
      return new Recommendation(
          target,
          value,
          list.entries(),
          list.current(),
          r.marked(artifact, list.keptUnsafe()),
          notes,
          warnings,
          errors,
          r.incomplete);
    }
  }

  /**
   * The proxy URLs an artifact sets.
   *
   * @param http for http:// URLs
   * @param https for https:// URLs
   */
  record Proxies(String http, String https) {}

  /** CRI-O's environment file. */
  final class Crio extends CompleteListPlan {
    Crio() {
      super(Target.CRIO, "NO_PROXY");
    }

    @Override
    boolean crioBaseline() {
      return true;
    }

    @Override
    String artifact(Recommending r, Proxies p, String value, List<String> notes) {
      notes.add(
          "CRI-O reads its environment once at start: check 'systemctl cat crio' for the"
              + " EnvironmentFile it loads (/etc/sysconfig/crio-network on ROKS,"
              + " /etc/sysconfig/crio upstream), then 'systemctl restart crio' (or reboot) on"
              + " every worker");
      notes.add(
          "Go clients such as CRI-O use HTTPS_PROXY for https registries and never fall back to"
              + " HTTP_PROXY: set both");
      return Artifacts.crio(p.http(), p.https(), value);
    }
  }

  /** Shell exports, upper and lower case. */
  final class Env extends CompleteListPlan {
    Env() {
      super(Target.ENV, "NO_PROXY");
    }

    @Override
    List<NoProxySemantics> readers() {
      return SafetyCheck.SHELLS;
    }

    @Override
    String artifact(Recommending r, Proxies p, String value, List<String> notes) {
      notes.add(
          "both cases are exported: Go reads NO_PROXY first, curl, Python and wget read"
              + " no_proxy first (wget only no_proxy)");
      return Artifacts.env(p.http(), p.https(), value);
    }
  }

  /** JVM flags: the list translated to {@code http.nonProxyHosts}. */
  final class Java extends CompleteListPlan {
    Java() {
      super(Target.JAVA, "JAVA_TOOL_OPTIONS");
    }

    @Override
    String dialect(Recommending r, Recommending.CompleteList list, List<String> notes) {
      List<Destination> internet = new ArrayList<>();
      for (Verdict v : r.safety.internet()) {
        internet.add(v.destination());
      }
      JavaNonProxyHosts.Result java = JavaNonProxyHosts.translate(list.values(), internet);
      notes.addAll(java.notes());
      return java.value();
    }

    @Override
    String artifact(Recommending r, Proxies p, String value, List<String> notes) {
      notes.add(
          "the JDK never reads NO_PROXY: http.nonProxyHosts governs http and https alike,"
              + " and setting it replaces the default localhost|127.*|[::1] (kept first)");
      return Artifacts.java(p.http(), p.https(), value);
    }
  }

  /** The docker daemon's drop-in and the client's config.json. */
  final class Docker extends CompleteListPlan {
    Docker() {
      super(Target.DOCKER, "NO_PROXY");
    }

    @Override
    List<NoProxySemantics> readers() {
      return SafetyCheck.SHELLS;
    }

    @Override
    String artifact(Recommending r, Proxies p, String value, List<String> notes) {
      notes.add(
          "docker: 'systemctl daemon-reload && systemctl restart docker' after the drop-in;"
              + " config.json proxies reach containers, whose clients may ignore CIDR entries"
              + " (see squidlens check)");
      return Artifacts.docker(p.http(), p.https(), value);
    }
  }

  /** The Migration Toolkit for Containers' MigrationController. */
  final class Mtc extends CompleteListPlan {
    Mtc() {
      super(Target.MTC, "noProxy");
    }

    /** The MigrationController takes no placeholder: an unknown proxy stays unset. */
    @Override
    Proxies proxies(Recommending r, List<String> notes) {
      return new Proxies(r.settings.forHttp(), r.settings.forHttps());
    }

    @Override
    String artifact(Recommending r, Proxies p, String value, List<String> notes) {
      if (p.http() == null) {
        notes.add(
            "MTC ignores noProxy unless httpProxy or httpsProxy is set in the"
                + " MigrationController: add them, or pass "
                + r.names.of(io.squidlens.base.Option.PROXY_URL)
                + " to include them");
      }
      notes.add(
          "MTC passes this list to its own pods as is (nothing is added): it is the complete"
              + " list");
      return Artifacts.mtc(p.http(), p.https(), value);
    }
  }
}
