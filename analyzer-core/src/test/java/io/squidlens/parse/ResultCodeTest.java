package io.squidlens.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.parse.ResultCode.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResultCodeTest {
  @Test
  void parse_noTagSpellings_ofEveryGeneration_areNone() {
    for (String c : List.of("NONE", "TAG_NONE", "NONE_NONE")) {
      ResultCode rc = ResultCode.parse(c);
      assertEquals(Outcome.NONE, rc.outcome(), c);
      assertEquals("NONE", rc.protocol(), c);
      assertEquals(List.of(), rc.tags(), c);
    }
  }

  @Test
  void parse_errorSuffixes_peeledIntoFlags() {
    ResultCode rc = ResultCode.parse("TCP_MISS_TIMEDOUT_ABORTED");
    assertEquals(Outcome.MISS, rc.outcome());
    assertTrue(rc.timedOut());
    assertTrue(rc.aborted());
    assertFalse(rc.ignored());
    assertTrue(ResultCode.parse("TCP_REFRESH_MODIFIED_IGNORED").ignored());
    assertTrue(ResultCode.parse("NONE_NONE_ABORTED").aborted());
  }

  @Test
  void parse_collapsedHit_isHit() {
    ResultCode rc = ResultCode.parse("TCP_CF_HIT");
    assertTrue(rc.collapsed());
    assertEquals(Outcome.HIT, rc.outcome());
  }

  @Test
  void parse_outcomes_bucketed() {
    assertEquals(Outcome.TUNNEL, ResultCode.parse("TCP_TUNNEL").outcome());
    assertEquals(Outcome.DENIED, ResultCode.parse("TCP_DENIED").outcome());
    assertEquals(Outcome.DENIED, ResultCode.parse("TCP_DENIED_REPLY").outcome());
    assertEquals(Outcome.HIT, ResultCode.parse("TCP_MEM_HIT").outcome());
    assertEquals(Outcome.MISS, ResultCode.parse("TCP_REFRESH_MODIFIED").outcome());
    assertEquals(Outcome.PEER_QUERY, ResultCode.parse("UDP_HIT").outcome());
    assertEquals(Outcome.PEER_QUERY, ResultCode.parse("ICP_QUERY").outcome());
    assertEquals(Outcome.REDIRECT, ResultCode.parse("TCP_REDIRECT").outcome());
  }

  @Test
  void parse_unknownFutureTag_keptAsOther() {
    ResultCode rc = ResultCode.parse("TCP_TELEPORT_HYPER");
    assertEquals(Outcome.OTHER, rc.outcome());
    assertEquals(List.of("TELEPORT", "HYPER"), rc.tags());
  }

  @Test
  void isPolicyDenial_authStatuses_areChallengesNotDenials() {
    ResultCode denied = ResultCode.parse("TCP_DENIED");
    assertTrue(denied.isPolicyDenial(403));
    assertFalse(denied.isPolicyDenial(407));
    assertTrue(ResultCode.isAuthChallenge(Outcome.DENIED, 407));
    assertTrue(ResultCode.isAuthChallenge(Outcome.DENIED, 401));
    assertFalse(ResultCode.isAuthChallenge(Outcome.MISS, 401));
    assertFalse(ResultCode.parse("TCP_MISS").isPolicyDenial(403));
  }
}
