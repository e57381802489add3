package org.spikezip.model;

/**
 * The classification head of an encoder, applied to the last layer's output at the [CLS] (or
 * {@code <s>}) row {@code x = x_L[0]}:
 *
 * <pre>
 * h = firstLayer(x)             (classifier, or classifier.dense)
 * logits = readout(h)           (h itself, or out_proj(tanh(h)))
 * </pre>
 *
 * The split is what conversion needs: the first layer reads quantized codes and is driven by
 * spikes, exactly; the readout is a float function of {@code h} alone, the one function that the
 * float model, the QANN and the SNN evaluate.
 */
public sealed interface ClassifierHead permits LinearHead, DenseTanhHead {

  /** The dense layer on the [CLS] row, {@code [out, hidden]}. */
  LinearWeights firstLayer();

  int numClasses();

  /**
   * Writes the logits {@code [numClasses]} for the first layer's output {@code h}
   * {@code [firstLayer().out()]}, in a fixed order (so the same {@code h} always gives the same bits).
   */
  void readout(double[] h, double[] logits);

  /** Multiply-accumulates (and nonlinear evaluations) one {@link #readout} takes. */
  long readoutMacs();
}
