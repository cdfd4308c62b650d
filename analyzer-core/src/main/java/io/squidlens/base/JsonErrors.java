package io.squidlens.base;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;

/**
 * Turns a JSON or YAML parser's complaint into words for the user: the reason on one line and where
 * it is, never a Java type or the parser's internal source description. Stateless.
 */
public final class JsonErrors {
  private JsonErrors() {}

  /** {@code ": <reason> (line L, column C)"}, ready to append to a file's name. */
  public static String where(JsonProcessingException e) {
    String reason = e.getOriginalMessage();
    reason = reason == null ? "" : reason.lines().findFirst().orElse("").strip();
    if (reason.contains("Invalid UTF-8")) {
      reason = "not UTF-8 text (a binary file?)";
    }
    // Jackson names Java types in backquotes (`java.lang.String`) and wraps causes as
    // "java.io.CharConversionException: ..."; users wrote no Java.
    reason =
        reason
            .replaceAll("`[\\w.$<>, \\[\\]]*`", "a value")
            .replaceAll("(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ", "")
            .replaceAll("\\s+", " ");
    JsonLocation at = e.getLocation();
    String position =
        at == null || at.getLineNr() < 1
            ? ""
            : String.format(Locale.ROOT, " (line %d, column %d)", at.getLineNr(), at.getColumnNr());
    return (reason.isEmpty() ? "" : ": " + reason) + position;
  }
}
