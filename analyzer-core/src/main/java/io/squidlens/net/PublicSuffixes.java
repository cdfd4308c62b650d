package io.squidlens.net;

import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What the Public Suffix List says about a name, and which zones are too broad to exempt from a
 * proxy: a public suffix ({@code com}, {@code co.uk}, {@code github.io}, {@code s3.amazonaws.com};
 * the list's ICANN and private sections alike), a zone above one, or a zone every customer of a
 * cloud provider shares ({@code appdomain.cloud}) that the list does not carry. Stateless. Used by
 * the classifier and the recommender.
 */
public final class PublicSuffixes {
  /*
   * Implementation notes.
   *
   * The list comes from Guava's InternetDomainName, which ships a recent copy of
   * publicsuffix.org's list compiled into a trie. The trie answers "what is the public suffix of
   * this name" (walking from the top label down), not "which suffixes lie below this zone", so a
   * zone covering a public suffix is found three ways: the zone is itself on the list; a probe
   * name one label below it is (a wildcard rule, "*.ck"); or a host the caller has seen under the
   * zone (a logged destination) has its public suffix at or below the zone, which is exactly the
   * case that matters, a zone exempting someone else's names. The hand list holds only provider
   * zones the Public Suffix List lacks (IBM Cloud's shared zones, and the apexes of providers
   * whose subdomains are handed out to customers).
   */

  /** Zones shared by every customer of a provider, absent from the Public Suffix List. */
  private static final List<String> SHARED =
      List.of(
          "appdomain.cloud",
          "containers.appdomain.cloud",
          "lb.appdomain.cloud",
          "cloud-object-storage.appdomain.cloud",
          "cloud.ibm.com",
          "ibm.com",
          "bluemix.net",
          "amazonaws.com",
          "openshift.com",
          "redhat.com",
          "redhat.io");

  /** Zones of the form {@code <region>.containers.appdomain.cloud}: a region, shared too. */
  private static final String REGION_ZONES = ".containers.appdomain.cloud";

  private static final String PROBE = "squidlens-probe-label.";

  private PublicSuffixes() {}

  /** Whether {@code name} (lower case, no trailing dot) is on the Public Suffix List. */
  public static boolean isPublicSuffix(String name) {
    InternetDomainName d = parse(name);
    return d != null && d.isPublicSuffix();
  }

  /**
   * Whether {@code name} ends in a public suffix. A name that does not ({@code db.corp}, {@code
   * my-service.my-namespace}) cannot be reached on the internet by that name.
   */
  public static boolean hasPublicSuffix(String name) {
    InternetDomainName d = parse(name);
    if (d != null) {
      return d.hasPublicSuffix();
    }
    // Not a name Guava accepts (an underscore label, say): judge by the top-level label alone.
    int dot = name.lastIndexOf('.');
    InternetDomainName top = parse(name.substring(dot + 1));
    return top != null && top.hasPublicSuffix();
  }

  /** The public suffix of {@code name}, or null when it has none. */
  public static String publicSuffix(String name) {
    InternetDomainName d = parse(name);
    if (d == null || !d.hasPublicSuffix()) {
      return null;
    }
    return d.publicSuffix().toString();
  }

  /**
   * Why exempting the zone {@code zone} (with its subdomains) would be too broad, or null when it
   * is not: it is a public suffix, lies above one, or is a provider's shared zone.
   *
   * @param zone lower case, without leading or trailing dot
   * @param seen host names known to exist (the log's destinations); any whose public suffix lies at
   *     or below {@code zone} shows that the zone covers that suffix
   */
  public static String broadZone(String zone, Seen seen) {
    String z = zone.toLowerCase(Locale.ROOT);
    if (z.isEmpty() || z.equals("*")) {
      return "matches every name";
    }
    if (isPublicSuffix(z)) {
      return "'" + z + "' is a public suffix (Public Suffix List): names under it belong to anyone";
    }
    if (isPublicSuffix(PROBE + z)) {
      return "every name one label under '" + z + "' is a public suffix (Public Suffix List)";
    }
    for (String shared : SHARED) {
      if (shared.equals(z)) {
        return "'" + z + "' is a zone every customer of a cloud provider shares";
      }
      if (Destination.isUnder(shared, z)) {
        return "'" + z + "' covers '" + shared + "', a zone every customer of a provider shares";
      }
    }
    if (z.endsWith(REGION_ZONES) && z.indexOf('.') == z.length() - REGION_ZONES.length()) {
      return "'" + z + "' is a region zone every IBM Cloud customer's clusters share";
    }
    for (String host : seen.atOrUnder(z)) {
      String suffix = publicSuffix(host);
      if (suffix != null && (suffix.equals(z) || Destination.isUnder(suffix, z))) {
        return "'" + z + "' covers the public suffix '" + suffix + "' (of " + host + ")";
      }
    }
    return null;
  }

  /**
   * Host names known to exist, indexed so the ones at or under a zone are found by binary search:
   * sorted by their reversed text, where a zone's names form one run. Immutable.
   */
  public static final class Seen {
    private static final Seen NONE = new Seen(List.of());

    private final String[] reversed;

    private Seen(Collection<String> names) {
      reversed = names.stream().map(Seen::reverse).sorted().distinct().toArray(String[]::new);
    }

    /** An index of {@code names}. */
    public static Seen of(Collection<String> names) {
      return names.isEmpty() ? NONE : new Seen(names);
    }

    /** No names. */
    public static Seen none() {
      return NONE;
    }

    /** The names that are {@code zone} or lie under it. */
    List<String> atOrUnder(String zone) {
      String key = reverse(zone);
      int i = Arrays.binarySearch(reversed, key);
      int from = i >= 0 ? i : -i - 1;
      List<String> out = new ArrayList<>();
      for (int k = from; k < reversed.length && reversed[k].startsWith(key); k++) {
        String r = reversed[k];
        if (r.length() == key.length() || r.charAt(key.length()) == '.') {
          out.add(reverse(r));
        }
      }
      return out;
    }

    private static String reverse(String s) {
      return new StringBuilder(s).reverse().toString();
    }
  }

  private static InternetDomainName parse(String name) {
    if (name.isEmpty()) {
      return null;
    }
    // isValid is from() in a try block, so calling both validated every name twice.
    try {
      return InternetDomainName.from(name);
    } catch (IllegalArgumentException notADomainName) {
      return null;
    }
  }
}
