package io.squidlens.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Squid result code ({@code %Ss}) decomposed into protocol, tags, outcome and error flags.
 * Unknown tags are kept, so codes from future Squid versions still parse. Immutable.
 *
 * <p>Printed form since Squid 5: protocol ({@code TCP}, {@code UDP}, {@code NONE}) + {@code _CF}
 * when collapsed + the tag + {@code _IGNORED} + {@code _TIMEDOUT} + {@code _ABORTED}. Older
 * versions print {@code NONE} (up to 3.3 and 4.x) or {@code TAG_NONE} (3.4-3.5) for "no tag".
 *
 * @param text the code as logged
 * @param protocol {@code TCP}, {@code UDP}, {@code ICP}, {@code NONE} or what the log says
 * @param tags the tags between protocol and error suffixes ({@code [MEM, HIT]}); empty for none
 * @param outcome what happened, as a bucket
 * @param collapsed the {@code _CF} flag (collapsed forwarding, Squid 5+)
 * @param ignored the {@code _IGNORED} flag
 * @param timedOut the {@code _TIMEDOUT} flag
 * @param aborted the {@code _ABORTED} flag
 */
record ResultCode(
    String text,
    String protocol,
    List<String> tags,
    Outcome outcome,
    boolean collapsed,
    boolean ignored,
    boolean timedOut,
    boolean aborted) {

  /** What a request's result code says happened. */
  public enum Outcome {
    /** Served from cache ({@code LogTags::isTcpHit()}). */
    HIT,
    /** Fetched from the origin or a peer. */
    MISS,
    /** A CONNECT tunnel. */
    TUNNEL,
    /** Refused by Squid (policy or authentication; the status tells which). */
    DENIED,
    /** Redirected by Squid. */
    REDIRECT,
    /** No tag: errors, aborted setups, SslBump's fake CONNECT. */
    NONE,
    /** An ICP or HTCP peer query, not a client request. */
    PEER_QUERY,
    /** A tag squidlens does not know (kept as logged). */
    OTHER
  }

  private static final Set<String> HITS =
      Set.of(
          "HIT",
          "IMS_HIT",
          "INM_HIT",
          "REFRESH_FAIL_OLD",
          "REFRESH_UNMODIFIED",
          "NEGATIVE_HIT",
          "MEM_HIT",
          "OFFLINE_HIT",
          "STALE_HIT",
          "SHARED_HIT");

  /** Checks fields. */
  public ResultCode {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(protocol, "protocol");
    tags = List.copyOf(tags);
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Decomposes a logged result code. Never throws; anything unrecognised is {@code OTHER}. */
  public static ResultCode parse(String text) {
    List<String> parts = new ArrayList<>(List.of(text.split("_", -1)));
    boolean aborted = false;
    boolean timedOut = false;
    boolean ignored = false;
    while (parts.size() > 1) {
      String lastPart = parts.get(parts.size() - 1);
      if (lastPart.equals("ABORTED")) {
        aborted = true;
      } else if (lastPart.equals("TIMEDOUT") || lastPart.equals("TIMEOUT")) {
        timedOut = true;
      } else if (lastPart.equals("IGNORED")) {
        ignored = true;
      } else {
        break;
      }
      parts.remove(parts.size() - 1);
    }
    String protocol = parts.get(0);
    List<String> rest = parts.subList(1, parts.size());
    boolean collapsed = !rest.isEmpty() && rest.get(0).equals("CF");
    if (collapsed) {
      rest = rest.subList(1, rest.size());
    }
    if (protocol.equals("TAG") || protocol.equals("NONE")) {
      protocol = "NONE";
      if (rest.size() == 1 && rest.get(0).equals("NONE")) {
        rest = List.of();
      }
    }
    String tag = String.join("_", rest);
    Outcome outcome;
    if (protocol.equals("UDP") || protocol.equals("ICP") || text.startsWith("ICP_")) {
      outcome = Outcome.PEER_QUERY;
    } else if (tag.isEmpty()) {
      outcome = protocol.equals("NONE") ? Outcome.NONE : Outcome.OTHER;
    } else if (tag.startsWith("DENIED")) {
      outcome = Outcome.DENIED;
    } else if (tag.equals("TUNNEL")) {
      outcome = Outcome.TUNNEL;
    } else if (HITS.contains(tag) || tag.endsWith("_HIT")) {
      outcome = Outcome.HIT;
    } else if (tag.contains("MISS") || tag.startsWith("REFRESH")) {
      outcome = Outcome.MISS;
    } else if (tag.equals("REDIRECT")) {
      outcome = Outcome.REDIRECT;
    } else {
      outcome = Outcome.OTHER;
    }
    List<String> tags = tag.isEmpty() ? List.of() : List.of(tag.split("_"));
    return new ResultCode(text, protocol, tags, outcome, collapsed, ignored, timedOut, aborted);
  }

  /** Whether Squid refused the request by policy (not an authentication challenge). */
  public boolean isPolicyDenial(int status) {
    return outcome == Outcome.DENIED && status != 401 && status != 407;
  }

  /** Whether the line is an authentication challenge (407, or a denial with 401). */
  public static boolean isAuthChallenge(Outcome outcome, int status) {
    return status == 407 || (outcome == Outcome.DENIED && status == 401);
  }
}
