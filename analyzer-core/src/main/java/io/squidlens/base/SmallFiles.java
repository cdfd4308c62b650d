package io.squidlens.base;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the small files a user points squidlens at ({@code --config}, {@code --proxy-config},
 * {@code --network-config}, {@code --hosts}) with every failure named: missing, a directory,
 * unreadable, empty, or larger than {@value #LIMIT} bytes, found before anything is parsed so a
 * device or a huge file is refused at once. Pipes and process substitutions ({@code <(oc get ...)})
 * are read once, like any stream; and puts what a JSON or YAML parser says about one into words.
 * Stateless. Used by every package that reads such a file, and by the command line for I/O errors.
 */
public final class SmallFiles {
  /** The largest such file accepted: a proxy object or config of more is not one. */
  public static final int LIMIT = 4 << 20;

  private SmallFiles() {}

  /**
   * The bytes of {@code file}.
   *
   * @param what how the user named it, for messages ({@code --config})
   * @throws InputException naming {@code what} and the file when it cannot be read as such a file
   */
  public static byte[] read(Path file, String what) throws InputException {
    String name = what + " " + file;
    if (Files.isDirectory(file)) {
      throw new InputException(file.toString(), name + ": is a directory, not a file", null);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(LIMIT + 1);
    } catch (NoSuchFileException e) {
      throw new InputException(file.toString(), name + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputException(file.toString(), name + ": permission denied", e);
    } catch (IOException e) {
      throw new InputException(file.toString(), name + ": cannot read it (" + reason(e) + ")", e);
    }
    if (bytes.length > LIMIT) {
      throw new InputException(
          file.toString(),
          String.format(
              Locale.ROOT,
              "%s: larger than the %d MiB such a file may hold (a device, or not the file meant?)",
              name,
              LIMIT >> 20),
          null);
    }
    if (bytes.length == 0) {
      throw new InputException(file.toString(), name + ": is empty", null);
    }
    return bytes;
  }

  /** Why an I/O operation failed, in words, without Java class names. */
  public static String reason(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "I/O error" : m;
  }

  /**
   * Reads a Kubernetes object as {@code oc get -o json} or {@code -o yaml} prints it (YAML is a
   * superset of JSON, so one parser reads either), unwrapping a {@code List} of one.
   *
   * @param what how the user named the option, for messages
   * @throws InputException naming the file when it cannot be read
   * @throws BadValueException naming the file when it holds no JSON or YAML object
   */
  public static JsonNode readObject(Path file, String what) throws InputException {
    String name = what + " " + file;
    byte[] bytes = read(file, what);
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadValueException(name + ": not JSON or YAML" + jsonWhere(e), e);
    } catch (IOException e) {
      // Reading bytes already in memory fails only on their encoding.
      throw new BadValueException(name + ": not UTF-8 text (a binary file?)", e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some malformed documents with unchecked exceptions.
      throw new BadValueException(name + ": not JSON or YAML", e);
    }
    BadValueException.require(
        root != null && root.isObject(), "%s: not a JSON or YAML object", name);
    if ("List".equals(root.path("kind").asText())) {
      JsonNode items = root.path("items");
      BadValueException.require(
          items.size() == 1, "%s: a List of %d objects, expected one", name, items.size());
      root = items.get(0);
    }
    return root;
  }

  /**
   * A JSON or YAML parser's complaint about such a file in words for the user, {@code ": <reason>
   * (line L, column C)"}, ready to append to the file's name: the reason on one line and where it
   * is, never a Java type or the parser's internal source description.
   */
  public static String jsonWhere(JsonProcessingException e) {
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
