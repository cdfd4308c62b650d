package io.squidlens.cli;

import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import io.squidlens.base.SmallFiles;
import io.squidlens.report.Reports;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** The squidlens command line. */
public final class Main {
  private Main() {}

  /** Runs squidlens and exits with its exit code. */
  public static void main(String[] args) {
    // The file descriptor, not System.out: a PrintStream swallows write errors, and follow mode
    // must notice a closed pipe (PrintWriter.checkError) to stop quietly.
    PrintWriter out = stdout();
    PrintWriter err = stderr();
    int code = run(Context.system(), out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs squidlens in process: the entry point for tests. Never calls {@code System.exit}. */
  static int run(Context context, PrintWriter out, PrintWriter err, String... args) {
    return execute(commandLine(context, args), out, err, args);
  }

  private static int execute(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Runs {@code analyze} under the name {@code command}, reading and writing through {@code
   * engine}, with the engine's own options (the {@code picocli}-annotated fields of {@code
   * engineOptions}) beside analyze's: the entry point of a front end such as {@code
   * squidlens-spark}. Never calls {@code System.exit}.
   *
   * @return the exit code, as {@code squidlens analyze} documents them
   */
  public static int analyze(
      String command,
      Engine engine,
      Object engineOptions,
      String[] description,
      PrintWriter out,
      PrintWriter err,
      String... args) {
    Context context = Context.system();
    CommandLine cl = new CommandLine(new AnalyzeCommand(context, engine), new Factory(context));
    cl.getCommandSpec().name(command);
    cl.getCommandSpec().usageMessage().description(description);
    cl.addMixin("engine", engineOptions);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler(Main::usage);
    return execute(cl, out, err, args);
  }

  /** Standard output as the command line writes it: the descriptor, buffered, UTF-8. */
  public static PrintWriter stdout() {
    return new PrintWriter(
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            1 << 16));
  }

  /** Standard error as the command line writes it. */
  public static PrintWriter stderr() {
    return new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
  }

  /** The command tree, with squidlens's exception-to-exit-code mapping. */
  static CommandLine commandLine(Context context) {
    return commandLine(context, SquidlensCommand.SUBCOMMANDS);
  }

  /**
   * The command tree for {@code args}: when they start with a command's name, the tree holds only
   * that command. picocli reflects over every option of every command it is given: the whole tree
   * cost about 40 ms of a 0.4 s run on a small log. Help, completion, a misspelt command and no
   * command get the whole tree.
   */
  static CommandLine commandLine(Context context, String... args) {
    if (args.length > 0) {
      for (Class<?> c : SquidlensCommand.SUBCOMMANDS) {
        CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
        if (a.name().equals(args[0])
            && c != CompletionCommand.class
            && c != CommandLine.HelpCommand.class) {
          return commandLine(context, List.of(c));
        }
      }
    }
    return commandLine(context);
  }

  private static CommandLine commandLine(Context context, List<Class<?>> subcommands) {
    CommandLine cl = new CommandLine(new SquidlensCommand(), new Factory(context));
    for (Class<?> c : subcommands) {
      cl.addSubcommand(c);
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler(Main::usage);
    return cl;
  }

  private static int usage(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("squidlens: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }

  /**
   * Maps what a command threw to an exit code by type: a value the user gave (2), an input that
   * cannot be read (74), anything else is squidlens's own fault (1), with the hint to report it.
   */
  private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    if (t instanceof InputException ie) {
      err.println("squidlens: " + Reports.terminal(t.getMessage()));
      return ie.unusable() ? ExitCodes.DATA : ExitCodes.IO;
    }
    if (t instanceof UsageException || t instanceof BadValueException) {
      err.println("squidlens: " + Reports.terminal(t.getMessage()));
      err.println(
          "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.USAGE;
    }
    if (t instanceof IOException io) {
      err.println("squidlens: I/O error: " + Reports.terminal(SmallFiles.reason(io)));
      return ExitCodes.IO;
    }
    err.println("squidlens: internal error (please report it with the command line): " + t);
    t.printStackTrace(err);
    return ExitCodes.INTERNAL;
  }

  /** Creates commands with the context injected. */
  private static final class Factory implements CommandLine.IFactory {
    private final Context context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Context context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.cast(cls.getDeclaredConstructor(Context.class).newInstance(context));
      } catch (NoSuchMethodException e) {
        return fallback.create(cls);
      }
    }
  }
}
