package io.squidlens.base;

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
 * are read once, like any stream. Stateless.
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
}
