package io.squidlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenShift's spec.noProxy validation (cluster-network-operator ValidateProxyConfig) and the size
 * limits.
 */
final class NoProxyValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".svc",
        "example.com.",
        "example.com",
        "a-b.example.com",
        "fd00::1",
        "10.0.0.0/8",
        "fd00::/48",
        "10.1.2.3",
        "10.1.2.3/16",
        "169.254.169.254"
      })
  void openShiftRejects_acceptsWhatTheOperatorAccepts(String entry) {
    assertNull(NoProxyValidation.openShiftRejects(entry), entry);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Example.com",
        "*.example.com",
        "example.com:443",
        "1.2.3.4:80",
        "[fd00::1]:443",
        "[fd00::1]",
        "under_score.example.com",
        "",
        "-leading.example.com",
        "10.0.0.0/33",
        "..example.com"
      })
  void openShiftRejects_rejectsWhatTheOperatorRejects(String entry) {
    assertNotNull(NoProxyValidation.openShiftRejects(entry), entry);
  }

  @Test
  void openShiftRejects_explainsTheCommonMistakes() {
    assertEquals("upper case is rejected", NoProxyValidation.openShiftRejects("Example.com"));
    assertTrue(NoProxyValidation.openShiftRejects("*.example.com").startsWith("wildcards"));
    assertTrue(NoProxyValidation.openShiftRejects("example.com:443").startsWith("ports"));
    assertEquals("underscores are rejected", NoProxyValidation.openShiftRejects("a_b.example"));
  }

  @Test
  void openShiftProblems_findsEmptyEntriesAndAcceptsAStarAlone() {
    assertEquals(
        List.of("'': empty entries are rejected (a doubled or trailing comma)"),
        NoProxyValidation.openShiftProblems("a.example,"));
    assertEquals(2, NoProxyValidation.openShiftProblems("a,,b,*.c").size());
    assertEquals(List.of(), NoProxyValidation.openShiftProblems("*"));
    assertEquals(List.of(), NoProxyValidation.openShiftProblems(" a.example , .svc "));
  }

  @Test
  void sizeError_startsExactlyAtTheKernelLimit() {
    // "NO_PROXY=" + value must stay below 131072 bytes (MAX_ARG_STRLEN).
    String fits = "a".repeat(131071 - "NO_PROXY=".length());
    assertNull(NoProxyValidation.sizeError("NO_PROXY", fits));
    assertNotNull(NoProxyValidation.sizeError("NO_PROXY", fits + "a"));
  }

  @Test
  void sizeWarning_startsWhereTheSystemdLineReaches2KiB() {
    int room = 2048 - "Environment=\"NO_PROXY=\"".length();
    assertNull(NoProxyValidation.sizeWarning("NO_PROXY", "a".repeat(room - 1)));
    assertNotNull(NoProxyValidation.sizeWarning("NO_PROXY", "a".repeat(room)));
  }
}
