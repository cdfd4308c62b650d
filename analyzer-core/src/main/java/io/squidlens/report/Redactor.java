package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ParseProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces client addresses and user names by pseudonyms ({@code client-1}, {@code user-3}) so a
 * report can be attached to a ticket. Destinations are kept: they are the point of the report.
 * Immutable and thread-safe. Used by the front ends.
 *
 * <pre>{@code
 * Analysis shareable = Redactor.randomKey().apply(analysis);
 * }</pre>
 */
public final class Redactor {
  /*
   * Implementation notes. A pseudonym must not let a reader recover the address by guessing: the
   * space of client addresses is small (a /16 has 65,536), so a plain hash would be reversed by
   * hashing every candidate. Pseudonyms are therefore numbered in the order of an HMAC-SHA256 of
   * each value under a key that is random per run (or given with --redact-key for reproducible
   * output): without the key the numbering says nothing about the values, not even their order.
   * Streamed output (squidlens parse) cannot number in advance, so there a pseudonym is the first
   * eight hex digits of the HMAC instead (client-3f9a2c1e), which needs no table.
   */

  private static final int KEY_BYTES = 32;

  private final byte[] key;

  private Redactor(byte[] key) {
    this.key = key;
  }

  /** A redactor with a fresh random key: pseudonyms differ from run to run. */
  public static Redactor randomKey() {
    byte[] k = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(k);
    return new Redactor(k);
  }

  /**
   * A redactor keyed by {@code secret}: the same secret gives the same pseudonyms, so two redacted
   * reports can be compared. Whoever knows the secret can test guesses.
   *
   * @throws io.squidlens.base.BadValueException if the secret is empty
   */
  public static Redactor withKey(String secret) {
    if (secret.isEmpty()) {
      throw new io.squidlens.base.BadValueException("--redact-key must not be empty");
    }
    return new Redactor(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The pseudonym of a client address in streamed output: {@code client-} and 8 hex digits. */
  public String streamedClient(String address) {
    if (address == null || address.equals("-")) {
      return address;
    }
    return "client-" + hex(mac("client", address), 4);
  }

  /** The pseudonym of a user name in streamed output: {@code user-} and 8 hex digits. */
  public String streamedUser(String user) {
    return user == null || user.equals("-") ? user : "user-" + hex(mac("user", user), 4);
  }

  /** {@code d} with its client and user replaced by their streamed pseudonyms. */
  public io.squidlens.LiveAnalysis.NewDestination apply(
      io.squidlens.LiveAnalysis.NewDestination d) {
    return d.withPeople(streamedClient(d.client()), streamedUser(d.user()));
  }

  /**
   * {@code a} with every client address and user name replaced by a numbered pseudonym,
   * consistently across destinations and verdicts; malformed-line excerpts are masked, since a line
   * the parser could not read has no field it can vouch for as not naming someone.
   */
  public Analysis apply(Analysis a) {
    Summary s = a.summary();
    Set<String> clients = new TreeSet<>();
    for (DestinationStats d : s.destinations()) {
      clients.addAll(d.stats().clients());
    }
    for (Verdict v : a.verdicts()) {
      clients.addAll(v.stats().clients());
    }
    Map<String, String> clientNames = number("client", clients);
    Map<String, String> userNames = number("user", s.users().keySet());

    List<DestinationStats> destinations = new ArrayList<>(s.destinations().size());
    for (DestinationStats d : s.destinations()) {
      destinations.add(d.withClients(rename(d.stats().clients(), clientNames)));
    }
    Map<String, Long> users = new LinkedHashMap<>();
    s.users().forEach((u, n) -> users.merge(userNames.get(u), n, Long::sum));
    List<ParseProblem> malformed = new ArrayList<>(s.malformed().size());
    for (ParseProblem p : s.malformed()) {
      malformed.add(p.withExcerpt(mask(p.excerpt())));
    }
    List<Verdict> verdicts = new ArrayList<>(a.verdicts().size());
    for (Verdict v : a.verdicts()) {
      verdicts.add(v.withClients(rename(v.stats().clients(), clientNames)));
    }
    return a.withPeople(s.withPeople(destinations, users, malformed), verdicts);
  }

  /**
   * Text whose values must not be shown, with its shape kept: letters become {@code x} (or {@code
   * X}), digits {@code 9}; spaces, punctuation and Squid's own vocabulary (result codes such as
   * {@code TCP_MISS/200}, methods, hierarchy codes, {@code -}) stay, so a reader still sees what
   * kind of line it was and where it went wrong.
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int i = 0;
    while (i <= text.length()) {
      int end = text.indexOf(' ', i);
      if (end < 0) {
        end = text.length();
      }
      String token = text.substring(i, end);
      sb.append(vocabulary(token) ? token : maskToken(token));
      if (end < text.length()) {
        sb.append(' ');
      }
      i = end + 1;
    }
    return sb.toString();
  }

  /**
   * Squid's words, which name no one: {@code TCP_MISS/200}, {@code CONNECT}, {@code HIER_NONE/-}.
   */
  private static boolean vocabulary(String token) {
    if (token.isEmpty() || token.equals("-")) {
      return true;
    }
    int slash = token.indexOf('/');
    String word = slash < 0 ? token : token.substring(0, slash);
    String rest = slash < 0 ? "" : token.substring(slash + 1);
    if (word.length() < 3) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (!((c >= 'A' && c <= 'Z') || c == '_')) {
        return false;
      }
    }
    return rest.isEmpty() || rest.equals("-") || rest.matches("[0-9]{1,3}");
  }

  private static String maskToken(String token) {
    StringBuilder sb = new StringBuilder(token.length());
    for (int k = 0; k < token.length(); k++) {
      char c = token.charAt(k);
      if ((c >= 'a' && c <= 'z') || (c > 0x7F && Character.isLetter(c))) {
        sb.append('x');
      } else if (c >= 'A' && c <= 'Z') {
        sb.append('X');
      } else if (c >= '0' && c <= '9') {
        sb.append('9');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A URL for streamed output: the query string and any user information are masked ({@link
   * #mask}), since either may carry a client address or a name; scheme, host and path stay.
   */
  public static String streamedUrl(String url) {
    if (url == null) {
      return null;
    }
    String u = url;
    int scheme = u.indexOf("://");
    if (scheme > 0) {
      int hostStart = scheme + 3;
      int pathStart = u.indexOf('/', hostStart);
      int authorityEnd = pathStart < 0 ? u.length() : pathStart;
      int at = u.lastIndexOf('@', authorityEnd - 1);
      if (at >= hostStart) {
        u = u.substring(0, hostStart) + maskToken(u.substring(hostStart, at)) + u.substring(at);
      }
    }
    int q = u.indexOf('?');
    return q < 0 ? u : u.substring(0, q + 1) + maskToken(u.substring(q + 1));
  }

  /** Numbers {@code values} in the order of their keyed hashes. */
  private Map<String, String> number(String kind, Collection<String> values) {
    List<Map.Entry<String, byte[]>> keyed = new ArrayList<>();
    for (String v : values) {
      keyed.add(Map.entry(v, mac(kind, v)));
    }
    keyed.sort(Comparator.comparing(Map.Entry::getValue, Arrays::compareUnsigned));
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < keyed.size(); i++) {
      out.put(keyed.get(i).getKey(), kind + "-" + (i + 1));
    }
    return out;
  }

  private static List<String> rename(List<String> values, Map<String, String> names) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(names.getOrDefault(v, v));
    }
    Comparator<String> byNumber = Comparator.comparingInt(Redactor::number);
    out.sort(byNumber.thenComparing(Comparator.<String>naturalOrder()));
    return out;
  }

  private static int number(String pseudonym) {
    int dash = pseudonym.lastIndexOf('-');
    try {
      return Integer.parseInt(pseudonym.substring(dash + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  private byte[] mac(String kind, String value) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      m.update(kind.getBytes(StandardCharsets.UTF_8));
      m.update((byte) 0);
      return m.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  private static String hex(byte[] b, int bytes) {
    StringBuilder sb = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) {
      sb.append(String.format(Locale.ROOT, "%02x", b[i]));
    }
    return sb.toString();
  }
}
