package io.squidlens.cli;

import io.squidlens.Analyzer;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Where {@code analyze} reads its logs and writes its report when not on this machine: a cluster
 * ({@code analyzer-spark}). The command, its options, messages and exit codes stay the command
 * line's; only reading and writing files go through here.
 */
public interface Engine {
  /**
   * The logs the names stand for: files, directories (their files, labelled with the directory's
   * name), globs; {@code labelled} as {@code NAME=PATH}.
   *
   * @throws io.squidlens.base.InputException naming an input that does not exist or cannot be read
   */
  Analyzer.Inputs inputs(Analyzer analyzer, List<String> names, List<String> labelled)
      throws IOException;

  /** What reads the logs. */
  Analyzer.Reader reader(Analyzer analyzer);

  /**
   * A writer of {@code file} that replaces it only once closed, so that a failed run leaves no half
   * report; null when {@code file} is on this machine (written as the command line writes it).
   *
   * @throws IOException naming the file when it cannot be created
   */
  Output create(String file) throws IOException;

  /** A report being written elsewhere: {@link #close} puts it in place, {@link #abort} drops it. */
  abstract class Output extends Writer {
    /** Drops what was written, leaving any earlier file as it was. */
    public abstract void abort();
  }
}
