package org.spikezip.model;

/**
 * RoBERTa's head ({@code RobertaClassificationHead}, dropout ignored) on the {@code <s>} row:
 *
 * <pre>
 * h = dense(x_L[0])                                              [hidden]
 * logits[o] = outProj.b[o] + sum_{i = 0..hidden-1} outProj.W[o,i] * tanh(h[i])   [numClasses]
 * </pre>
 *
 * The readout is a non-spiking float function of the two small layers on one token: {@code tanh}
 * is {@link StrictMath#tanh} and each logit sums in ascending {@code i}, so equal {@code h} give
 * equal logits to the bit; the converted network drives {@code dense} by spikes, exactly, and
 * applies this readout to its accumulated output.
 *
 * @param dense {@code classifier.dense}, {@code [hidden, hidden]}
 * @param outProj {@code classifier.out_proj}, {@code [numClasses, hidden]}
 */
public record DenseTanhHead(LinearWeights dense, LinearWeights outProj) implements ClassifierHead {

  public DenseTanhHead {
    if (outProj.in() != dense.out()) {
      throw new IllegalArgumentException("out_proj reads " + outProj.in() + " features, dense gives " + dense.out());
    }
  }

  @Override
  public LinearWeights firstLayer() {
    return dense;
  }

  @Override
  public int numClasses() {
    return outProj.out();
  }

  @Override
  public void readout(double[] h, double[] logits) {
    int in = outProj.in();
    for (int o = 0; o < outProj.out(); o++) {
      double s = outProj.bias()[o];
      for (int i = 0; i < in; i++) {
        s += outProj.weight(o, i) * StrictMath.tanh(h[i]);
      }
      logits[o] = s;
    }
  }

  /** {@code hidden} tanh plus {@code numClasses * hidden} multiply-accumulates. */
  @Override
  public long readoutMacs() {
    return outProj.in() + (long) outProj.out() * outProj.in();
  }
}
