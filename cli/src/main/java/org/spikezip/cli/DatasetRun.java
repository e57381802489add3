package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.convert.SpikingVit;
import org.spikezip.data.ImageDataset;
import org.spikezip.data.Normalization;
import org.spikezip.model.EncoderExamples;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.sim.EncoderSimulator;
import org.spikezip.sim.Encoding;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.Simulator;
import org.spikezip.sim.StopRule;

/**
 * A QANN and its SNN (ViT or text encoder) over a labelled dataset, samples in parallel, each SNN sample stopping when
 * quiet: the predictions of both, the SNN's results (per-layer totals) and the accuracy per step.
 */
record DatasetRun(int[] labels, int[] qannPredictions, List<SampleResult> snn, AccuracyCurve curve,
    double qannSeconds, double snnSeconds) {

  static DatasetRun of(QuantizedVit qann, SpikingVit snn, ImageDataset data, Normalization norm, Encoding encoding,
      int maxSteps, int threads, PrintWriter err) {
    List<double[]> images = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      images.add(data.image(i, norm));
    }
    return run(images, data.labels(), new QannForward(qann)::forward,
        () -> new Simulator(snn, encoding, StopRule.quiescent(maxSteps)).withoutNeuronDetail()
            .runAll(images, threads, new Progress(err, images.size())), threads);
  }

  /** The same for a text encoder over tokenized sentences. */
  static DatasetRun of(QuantizedEncoder qann, SpikingEncoder snn, EncoderExamples data, int maxSteps, int threads,
      PrintWriter err) {
    return run(data.inputs(), data.labels(), new EncoderQannForward(qann)::forward,
        () -> new EncoderSimulator(snn, StopRule.quiescent(maxSteps)).withoutNeuronDetail()
            .runAll(data.inputs(), threads, new Progress(err, data.size())), threads);
  }

  private static <I> DatasetRun run(List<I> inputs, int[] labels, Function<I, QannResult> qann,
      Supplier<List<SampleResult>> snn, int threads) {
    long start = System.nanoTime();
    List<QannResult> q = ParallelMap.map(inputs, threads, qann);
    double qannSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    List<SampleResult> s = snn.get();
    double snnSeconds = (System.nanoTime() - start) / 1e9;
    int[] predictions = q.stream().mapToInt(QannResult::predictedClass).toArray();
    return new DatasetRun(labels, predictions, s, AccuracyCurve.of(s, labels, predictions), qannSeconds, snnSeconds);
  }

  int samples() {
    return labels.length;
  }

  double qannTop1() {
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += qannPredictions[i] == labels[i] ? 1 : 0;
    }
    return correct / (double) labels.length;
  }

  int lossy() {
    return (int) snn.stream().filter(r -> !r.quiescent()).count();
  }

  int maxSteps() {
    return snn.stream().mapToInt(SampleResult::stopStep).max().orElse(0);
  }

  double meanSteps() {
    return snn.stream().mapToInt(SampleResult::stopStep).average().orElse(0);
  }
}
