package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import org.spikezip.error.SpikezipException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns failures into messages and exit codes: {@code spikezip: error: <message>}
 * and a one-line hint on stderr, a stack trace only with {@code --verbose}.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>1</td><td>internal error (a bug)</td></tr>
 *   <tr><td>2</td><td>usage: unknown option, missing or invalid option value</td></tr>
 *   <tr><td>3</td><td>input file: missing, unreadable, malformed, wrong shape or level; unwritable output</td></tr>
 *   <tr><td>4</td><td>unsupported model</td></tr>
 *   <tr><td>5</td><td>the SNN did not reproduce the QANN</td></tr>
 * </table>
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private static final int INTERNAL = 1;
  private static final int USAGE = 2;
  private static final String PREFIX = "spikezip: ";

  private final BooleanSupplier verbose;

  ErrorHandler(BooleanSupplier verbose) {
    this.verbose = verbose;
  }

  /** Prints {@code spikezip: warning: <message>}. */
  static void warn(PrintWriter err, String message) {
    err.println(PREFIX + "warning: " + message);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(PREFIX + "error: " + e.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int code;
    String message;
    String hint;
    if (e instanceof SpikezipException) {
      code = ((SpikezipException) e).exitCode();
      message = e.getMessage();
      hint = hint(code, cmd);
    } else {
      code = INTERNAL;
      message = "internal error: " + e;
      hint = "This is a bug in spikezip; rerun with --verbose for the stack trace and report it.";
    }
    err.println(PREFIX + "error: " + message);
    err.println(hint);
    if (verbose.getAsBoolean()) {
      e.printStackTrace(err);
    }
    return code;
  }

  private static String hint(int code, CommandLine cmd) {
    String help = "'" + cmd.getCommandSpec().qualifiedName() + " --help'";
    switch (code) {
      case 4:
        return "SpikeZIP-TF converts ViTs with a ReLU MLP and a cls-token head (act_layer relu, global_pool false).";
      case 5:
        return "Once every sample is quiet the SNN must equal its QANN; unless a 'lossy' warning came first,"
            + " please report this.";
      default:
        return "See " + help + " for what each file must hold.";
    }
  }
}
