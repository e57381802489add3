package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.sim.Encoding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip}: converts quantized Vision Transformers into spiking networks and simulates them,
 * exactly (SpikeZIP-TF).
 *
 * <p>Exit codes: 0 ok, 1 internal error, 2 usage, 3 input file, 4 unsupported model, 5 equivalence
 * failed (see {@link ErrorHandler}). {@link #main} is the only place that exits the JVM.
 */
@Command(
    name = "spikezip",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Exact SpikeZIP-TF: converts a quantized ViT (QANN) into a spiking network (SNN) and"
        + " simulates it until it goes quiet, with outputs identical to the QANN's.",
    subcommands = {DemoCommand.class, TrainCommand.class, QatCommand.class, InspectCommand.class,
        ImportCommand.class, SimulateCommand.class, EvalCommand.class, ReportCommand.class, ConvertCommand.class, BenchCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage, 3 input file, 4 unsupported model,"
        + " 5 SNN and QANN differ."})
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    Charset charset = Charset.defaultCharset();
    int code = execute(args, new PrintWriter(System.out, true, charset), new PrintWriter(System.err, true, charset));
    System.exit(code);
  }

  /** Runs the command line on {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    ErrorHandler errors = new ErrorHandler(() -> main.verbose);
    CommandLine commandLine = new CommandLine(main)
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
    commandLine.registerConverter(WeightPrecision.class, WeightPrecision::parse);
    commandLine.registerConverter(Encoding.class, Encoding::parse);
    commandLine.registerConverter(BenchModel.class, BenchModel::parse);
    commandLine.registerConverter(DemoTask.class, DemoTask::parse);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command: demo, train, qat, inspect, import, simulate, eval, report, convert or bench");
  }
}
