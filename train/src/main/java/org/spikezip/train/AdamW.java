package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay and parameter groups, each group with
 * its own learning rate at every step:
 *
 * <pre>
 * m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2;   t = t + 1
 * p = p - lr * wd * p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>State: the moments {@code m} and {@code v} of every parameter, owned by this object's manager.
 * {@link #step} must run with gradient recording off, with the parameters' and the moments' arrays
 * temporarily attached to one short-lived manager ({@link #state()}) that takes the temporaries.
 */
final class AdamW implements AutoCloseable {
  private final NDManager manager;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final List<Entry> entries = new ArrayList<>();
  private long t;

  private record Entry(NDArray param, NDArray m, NDArray v, double weightDecay, int group) {}

  AdamW(NDManager parent, double beta1, double beta2, double eps) {
    this.manager = parent.newSubManager();
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  /** Adds a parameter to group {@code group} (an index into {@link #step}'s learning rates). */
  void add(NDArray param, double weightDecay, int group) {
    NDArray m = manager.zeros(param.getShape(), param.getDataType());
    NDArray v = manager.zeros(param.getShape(), param.getDataType());
    entries.add(new Entry(param, m, v, weightDecay, group));
  }

  /** Every moment array, to attach temporarily to the step's manager. */
  List<NDArray> state() {
    List<NDArray> s = new ArrayList<>();
    for (Entry e : entries) {
      s.add(e.m());
      s.add(e.v());
    }
    return s;
  }

  /** One update of every parameter from its gradient; {@code learningRates[group]} per group. */
  void step(double[] learningRates) {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    for (Entry e : entries) {
      double lr = learningRates[e.group()];
      NDArray g = e.param().getGradient();
      e.m().muli(beta1).addi(g.mul(1 - beta1));
      e.v().muli(beta2).addi(g.square().muli(1 - beta2));
      NDArray denom = e.v().div(c2).sqrt().addi(eps);
      NDArray update = e.m().mul(lr / c1).divi(denom);
      if (e.weightDecay() != 0) {
        e.param().muli(1 - lr * e.weightDecay());
      }
      e.param().subi(update);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
