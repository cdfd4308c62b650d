package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class RedactorTest {
  @Test
  void streamedClient_isStableForAKeyAndDiffersAcrossKeys() {
    Redactor a = Redactor.withKey("k");
    assertEquals(a.streamedClient("10.0.0.1"), Redactor.withKey("k").streamedClient("10.0.0.1"));
    assertNotEquals(
        a.streamedClient("10.0.0.1"), Redactor.withKey("other").streamedClient("10.0.0.1"));
    assertTrue(a.streamedClient("10.0.0.1").matches("client-[0-9a-f]{8}"));
    assertTrue(a.streamedUser("alice").matches("user-[0-9a-f]{8}"));
    assertEquals("-", a.streamedUser("-"));
  }

  @Test
  void streamedClient_keysClientsAndUsersApart() {
    Redactor r = Redactor.withKey("k");
    assertNotEquals(
        r.streamedClient("x").substring("client-".length()),
        r.streamedUser("x").substring("user-".length()));
  }

  @Test
  void randomKey_differsFromRunToRun() {
    assertNotEquals(
        Redactor.randomKey().streamedClient("10.0.0.1"),
        Redactor.randomKey().streamedClient("10.0.0.1"));
  }

  @Test
  void withKey_rejectsAnEmptySecret() {
    assertThrows(IllegalArgumentException.class, () -> Redactor.withKey(""));
  }
}
