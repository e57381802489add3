package org.spikezip.bench;

import java.util.List;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.model.RandomVits;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitPreset;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.*;
import org.spikezip.sim.*;

public class QuickBench {
  public static void main(String[] a) throws Exception {
    VitConfig c = VitPreset.VIT_S16.config();
    VitWeights w = RandomVits.weights(c, 1);
    List<double[]> imgs = RandomVits.images(c, 1, 2);
    long t0 = System.nanoTime();
    QuantizerSteps steps = StepCalibrator.calibrate(w, 16, imgs);
    long t1 = System.nanoTime();
    QuantizedVit q = QuantizedVit.build(w, steps, 16, WeightPrecision.grid());
    QannForward f = new QannForward(q);
    QannResult r = null;
    for (int i = 0; i < 3; i++) { long s = System.nanoTime(); r = f.forward(imgs.get(0)); System.out.printf("qann %.3f s%n", (System.nanoTime()-s)/1e9); }
    SpikingVit net = Converter.convert(q).network();
    Simulator sim = new Simulator(net, Encoding.ANALOG, StopRule.quiescent(1000));
    SimState st = sim.newState();
    for (int i = 0; i < 1; i++) {
      long s = System.nanoTime();
      long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      SampleResult sr = sim.run(imgs.get(0), st, SimulationListener.NONE);
      System.out.printf("cpu %.3f s%n", (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9);
      System.out.printf("snn %.3f s steps %d spikes %d same=%b%n", (System.nanoTime()-s)/1e9, sr.stopStep(), sr.totalSpikes(), java.util.Arrays.equals(sr.logits(), r.logits()));
    }
    SampleResult sr = sim.run(imgs.get(0), st, SimulationListener.NONE);
    for (LayerActivity l : sr.layers()) if (l.name().startsWith("blocks.5") || !l.name().startsWith("blocks")) System.out.printf("%s neurons %d spikes %d sumabs %d%n", l.name(), l.neurons(), l.total(), java.util.Arrays.stream(r.codes().get(l.name())).map(Math::abs).sum());
    System.out.printf("calib %.2f s%n", (t1-t0)/1e9);
  }
}
