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
    assertThrows(io.squidlens.base.BadValueException.class, () -> Redactor.withKey(""));
  }

  @Test
  void mask_hidesEveryValueButKeepsShapeAndSquidWords() {
    assertEquals(
        "9999999999.999 99 99.99.9.9 TCP_MISS/200 GET xxxx://xxx.xxxxxxx.xxx/?xx=99.99.9.9 -",
        Redactor.mask(
            "1763712000.123 12 10.77.5.6 TCP_MISS/200 GET http://www.example.com/?ip=10.77.5.8 -"));
    assertEquals(
        "xxx.xxxxx@xxxx.xxxxxxx 9999:xx9::99",
        Redactor.mask("eve.adams@corp.example 2001:db8::77"));
  }

  @Test
  void streamedUrl_masksQueryAndUserInformationOnly() {
    assertEquals(
        "http://xxxx:xx@www.example.com/path?xxxx=99.99.9.9",
        Redactor.streamedUrl("http://user:pw@www.example.com/path?from=10.77.5.6"));
    assertEquals("quay.io:443", Redactor.streamedUrl("quay.io:443"));
  }
}
