package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.Verdict;
import io.squidlens.net.Destination;
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
 * Immutable and thread-safe.
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
   * @throws IllegalArgumentException if the secret is empty
   */
  public static Redactor withKey(String secret) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("--redact-key must not be empty");
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

  /**
   * {@code a} with every client address and user name replaced by a numbered pseudonym,
   * consistently across destinations, verdicts and malformed-line excerpts.
   */
  public Analysis apply(Analysis a) {
    Summary s = a.summary();
    Set<String> clients = new TreeSet<>();
    for (DestinationStats d : s.destinations()) {
      clients.addAll(d.clients());
    }
    for (Verdict v : a.verdicts()) {
      clients.addAll(v.clients());
    }
    for (ParseProblem p : s.malformed()) {
      for (int i : CLIENT_FIELDS) {
        String t = token(p.excerpt(), i);
        if (t != null && Destination.parseLiteral(t) != null) {
          clients.add(t);
        }
      }
    }
    Map<String, String> clientNames = number("client", clients);
    Map<String, String> userNames = number("user", s.users().keySet());

    List<DestinationStats> destinations = new ArrayList<>(s.destinations().size());
    for (DestinationStats d : s.destinations()) {
      destinations.add(d.withClients(rename(d.clients(), clientNames)));
    }
    Map<String, Long> users = new LinkedHashMap<>();
    s.users().forEach((u, n) -> users.merge(userNames.get(u), n, Long::sum));
    List<ParseProblem> malformed = new ArrayList<>(s.malformed().size());
    for (ParseProblem p : s.malformed()) {
      malformed.add(p.withExcerpt(excerpt(p.excerpt(), clientNames, userNames)));
    }
    List<Verdict> verdicts = new ArrayList<>(a.verdicts().size());
    for (Verdict v : a.verdicts()) {
      verdicts.add(v.withClients(rename(v.clients(), clientNames)));
    }
    return a.withPeople(s.withPeople(destinations, users, malformed), verdicts);
  }

  /** Where a malformed native or common line most likely holds the client: 3rd and 1st field. */
  private static final int[] CLIENT_FIELDS = {2, 0};

  /**
   * Pseudonyms for an excerpt: the fields where a client or user would stand, and every token equal
   * to a known client or user anywhere in it. Unknown user names in a line that did not parse
   * cannot be told from other text and are left as they are.
   */
  private static String excerpt(
      String excerpt, Map<String, String> clients, Map<String, String> users) {
    String[] tokens = excerpt.split(" ", -1);
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      String c = clients.get(t);
      if (c != null) {
        tokens[i] = c;
      } else if (users.containsKey(t) && !t.equals("-")) {
        tokens[i] = users.get(t);
      }
    }
    return String.join(" ", tokens);
  }

  private static String token(String s, int index) {
    String[] tokens = s.split(" +", index + 2);
    return tokens.length > index ? tokens[index] : null;
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
