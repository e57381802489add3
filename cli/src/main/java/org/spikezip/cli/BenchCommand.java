package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.error.EquivalenceException;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.StepCalibrator;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.SimulationListener;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip bench}: times the QANN forward pass and the SNN to quiescence on a ViT with random
 * weights and calibrated steps (analog encoding, grid weights). Prints figures; asserts nothing about
 * time, but exits with 5 if the SNN's logits are not the QANN's.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Times the QANN forward pass and the SNN run to quiescence on a ViT with random weights"
        + " (steps calibrated on two random images), one random image per thread, and prints min and median"
        + " seconds, steps, spikes and whether the SNN's logits equal the QANN's.")
final class BenchCommand implements Callable<Integer> {
  private static final int CALIBRATION_IMAGES = 2;
  private static final int MAX_STEPS = 512;

  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "M", defaultValue = "vit-s16",
      description = "vit-s16, vit-b16, vit-l16 (224x224, 1000 classes) or tiny (32x32, dim 48, depth 2).")
  BenchModel model;

  @Option(names = "--level", paramLabel = "L", defaultValue = "16", description = "Quantization level.")
  int level;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Threads; each runs its own image, and times are for the whole batch.")
  int threads;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "Timed runs of each.")
  int repeat;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of weights and images.")
  long seed;

  @Override
  public Integer call() throws SpikezipException {
    OptionChecks.level(spec, level);
    OptionChecks.positive(spec, "--threads", threads);
    OptionChecks.positive(spec, "--repeat", repeat);
    PrintWriter out = spec.commandLine().getOut();
    VitConfig c = model.config();
    out.printf(Locale.ROOT, "model     %s: %dx%d, dim %d, depth %d, %d heads, %,d parameters, level %d%n", model,
        c.imgSize(), c.imgSize(), c.embedDim(), c.depth(), c.numHeads(), c.parameterCount(), level);
    out.flush();

    long start = System.nanoTime();
    VitWeights w = RandomVits.weights(c, seed);
    QuantizerSteps steps = StepCalibrator.calibrate(w, level, RandomVits.images(c, CALIBRATION_IMAGES, seed + 1));
    QuantizedVit qann = QuantizedVit.build(w, steps, level, WeightPrecision.grid());
    SpikingVit snn = Converter.convert(qann).network();
    out.printf(Locale.ROOT, "setup     %.2f s (random weights, calibration on %d images, conversion)%n",
        (System.nanoTime() - start) / 1e9, CALIBRATION_IMAGES);
    out.printf(Locale.ROOT, "batch     %d image(s) on %d thread(s), %d repeats%n", threads, threads, repeat);
    out.printf(Locale.ROOT, "kernels   %s (java %s)%n", org.spikezip.kernel.Kernels.exact().name(),
        System.getProperty("java.version"));
    out.flush();

    List<double[]> batch = RandomVits.images(c, threads, seed + 2);
    QannForward forward = new QannForward(qann);
    Simulator simulator = new Simulator(snn, Encoding.ANALOG, StopRule.quiescent(MAX_STEPS));
    double[] qannSeconds = new double[repeat];
    double[] snnSeconds = new double[repeat];
    List<QannResult> reference = null;
    List<SampleResult> results = null;
    for (int i = 0; i < repeat; i++) {
      long t0 = System.nanoTime();
      reference = ParallelMap.map(batch, threads, forward::forward);
      long t1 = System.nanoTime();
      results = simulator.runAll(batch, threads, SimulationListener.NONE);
      long t2 = System.nanoTime();
      qannSeconds[i] = (t1 - t0) / 1e9;
      snnSeconds[i] = (t2 - t1) / 1e9;
    }
    SimulationReport r = SimulationReport.of(reference, results);
    boolean identical = true;
    for (int i = 0; i < batch.size(); i++) {
      identical &= Arrays.equals(results.get(i).logits(), reference.get(i).logits());
    }
    out.printf(Locale.ROOT, "QANN      min %.3f s, median %.3f s%n", min(qannSeconds), median(qannSeconds));
    out.printf(Locale.ROOT, "SNN       min %.3f s, median %.3f s (to quiescence)%n", min(snnSeconds),
        median(snnSeconds));
    out.printf(Locale.ROOT, "steps     %d%s%n", r.maxSteps(), r.lossy() > 0 ? " (hit the cap: not quiet)" : "");
    out.printf(Locale.ROOT, "spikes    %,d%n", r.spikes());
    out.printf(Locale.ROOT, "SNN logits equal QANN logits: %s%n", identical ? "yes, bit for bit" : "NO");
    if (!identical) {
      throw new EquivalenceException("the SNN's logits differ from the QANN's (" + r.totalMismatches()
          + " neuron codes differ)");
    }
    return 0;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
