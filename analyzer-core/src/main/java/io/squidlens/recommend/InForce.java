package io.squidlens.recommend;

import io.squidlens.base.Option;
import io.squidlens.classify.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What becomes of the entries of a list in force (the cluster's {@code spec.noProxy}, or the
 * NO_PROXY value where the other targets apply): entries the target cannot parse are fixed or
 * dropped, unsafe ones left out unless the user keeps them; and what the log shows about each.
 * Immutable once made.
 *
 * @param kept the values the recommended list keeps, in list order
 * @param fate per entry as written, what happens to it when it is not kept as is
 * @param unsafe per entry as written, why it is unsafe
 * @param warnings what the user must know about the entries left out or kept
 */
record InForce(
    List<String> kept,
    Map<String, String> fate,
    Map<String, SafetyCheck.Unsafe> unsafe,
    List<String> warnings) {

  /** Copies the collections, keeping their order. */
  InForce {
    kept = List.copyOf(kept);
    fate = Collections.unmodifiableMap(new LinkedHashMap<>(fate));
    unsafe = Collections.unmodifiableMap(new LinkedHashMap<>(unsafe));
    warnings = List.copyOf(warnings);
  }

  /**
   * Sorts the entries of a list in force into those the value keeps and those it leaves out.
   *
   * @param values the value each written entry stands for (fixed when it had to be), or null for an
   *     entry that must be dropped whatever it means; {@code fate} already says why
   * @param fate why entries are fixed or dropped; the entries left out or kept as unsafe are added
   * @param where the list's name in warnings ({@code spec.noProxy})
   * @param keepUnsafe whether the user asked to keep unsafe entries
   * @param names how warnings spell the options they suggest
   */
  static InForce sort(
      Map<String, String> values,
      Map<String, String> fate,
      SafetyCheck safety,
      List<NoProxySemantics> readers,
      String where,
      boolean keepUnsafe,
      Option.Names names) {
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      candidates.add(e.getValue() != null ? e.getValue() : e.getKey().toLowerCase(Locale.ROOT));
    }
    Map<String, SafetyCheck.Unsafe> unsafe = safety.check(new LinkedHashSet<>(candidates), readers);
    Map<String, SafetyCheck.Unsafe> byWritten = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String keep = names.of(Option.KEEP_UNSAFE);
    int i = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String written = e.getKey();
      String value = e.getValue();
      SafetyCheck.Unsafe u = unsafe.get(candidates.get(i++));
      if (u != null) {
        byWritten.put(written, u);
        String why = SafetyCheck.describe(u);
        if (value != null && keepUnsafe) {
          fate.put(written, "kept although unsafe (" + keep + "): " + why);
          warnings.add(
              where + " entry '" + written + "' kept although unsafe (" + keep + "): " + why);
        } else if (value != null) {
          fate.put(written, "left out, unsafe: " + why);
          warnings.add(
              where
                  + " entry '"
                  + written
                  + "' left out of the value: "
                  + why
                  + "; pass "
                  + keep
                  + " to keep it");
          continue;
        }
      }
      if (value != null && !kept.contains(value)) {
        kept.add(value);
      }
    }
    return new InForce(kept, fate, byWritten, warnings);
  }

  /** The unsafe entries the user asked to keep. */
  List<String> keptUnsafe() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, SafetyCheck.Unsafe> e : unsafe.entrySet()) {
      String f = fate.get(e.getKey());
      if (f != null && f.startsWith("kept")) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /**
   * What the log shows about each entry in force: the logged hosts Go would exempt through it (each
   * credited to the first entry that matches, as Go checks them), and for unsafe ones the internet
   * destinations among them.
   *
   * @param written the entries as written, in list order
   * @param keeps whether an entry stays in the recommended value
   */
  List<Recommendation.CurrentEntry> evidence(
      List<String> written, List<Verdict> verdicts, Predicate<String> keeps) {
    if (written.isEmpty()) {
      return List.of();
    }
    NoProxySemantics.Matcher m = GoSemantics.INSTANCE.compile(String.join(",", written));
    Map<String, TreeSet<String>> hosts = new HashMap<>();
    Map<String, long[]> counts = new HashMap<>();
    for (Verdict v : verdicts) {
      String hit = m.route(v.destination()).entry();
      if (hit == null) {
        continue;
      }
      hosts.computeIfAbsent(hit, k -> new TreeSet<>()).add(v.host());
      counts.computeIfAbsent(hit, k -> new long[1])[0] += v.stats().requests();
    }
    List<Recommendation.CurrentEntry> out = new ArrayList<>();
    for (String e : written) {
      String drop = fate.get(e);
      TreeSet<String> h = hosts.getOrDefault(e, new TreeSet<>());
      long requests = counts.containsKey(e) ? counts.get(e)[0] : 0;
      String note;
      if (drop != null) {
        note = drop;
      } else if (h.isEmpty()) {
        note =
            "no evidence in this log (traffic it exempts never reaches the proxy, so the log"
                + " cannot show whether it is needed)";
      } else {
        note =
            h.size()
                + " logged host(s) match it yet reached the proxy: the clients that sent them"
                + " do not read this list, or read it differently (see squidlens check)";
      }
      List<String> covers = new ArrayList<>(h);
      SafetyCheck.Unsafe u = unsafe.get(e);
      out.add(
          new Recommendation.CurrentEntry(
              e,
              keeps.test(e),
              note,
              covers.subList(0, Math.min(covers.size(), Recommendation.CurrentEntry.MAX_COVERS)),
              h.size(),
              requests,
              u == null ? null : u.reason(),
              u == null ? List.of() : u.internet()));
    }
    return out;
  }
}
