package org.spikezip.bench;

import java.util.List;
import org.spikezip.model.*;
import org.spikezip.quant.*;

public class QannBench {
  public static void main(String[] a) throws Exception {
    VitConfig c = VitPreset.VIT_S16.config();
    VitWeights w = RandomVits.weights(c, 1);
    List<double[]> imgs = RandomVits.images(c, 1, 2);
    QuantizerSteps steps = StepCalibrator.calibrate(w, 16, imgs);
    QannForward f = new QannForward(QuantizedVit.build(w, steps, 16, WeightPrecision.grid()));
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 8; i++) { long s = mx.getCurrentThreadCpuTime(); f.forward(imgs.get(0)); System.out.printf("qann cpu %.3f s%n", (mx.getCurrentThreadCpuTime()-s)/1e9); }
  }
}
