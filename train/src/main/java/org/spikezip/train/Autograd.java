package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * libtorch's autograd switches, called directly.
 *
 * <p>DJL's {@code GradientCollector} zeroes gradients by walking every array of the engine's
 * system manager and leaves two gradient handles behind per parameter and step; over a long run
 * that walk grows without bound. Training here records the graph with {@link #recording},
 * back-propagates with {@link #backward(NDArray)} and clears the gradients of its own parameters
 * with {@link #zeroGradients(Collection)}.
 */
final class Autograd {
  private Autograd() {}

  /** Runs {@code body} with graph recording on, then restores the previous mode. */
  static <T> T recording(Supplier<T> body) {
    return withMode(true, body);
  }

  /** Runs {@code body} with graph recording off (evaluation, updates), then restores the previous mode. */
  static <T> T inference(Supplier<T> body) {
    return withMode(false, body);
  }

  /** Runs {@code body} with graph recording off, then restores the previous mode. */
  static void inference(Runnable body) {
    withMode(false, () -> {
      body.run();
      return null;
    });
  }

  private static <T> T withMode(boolean enabled, Supplier<T> body) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(enabled);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** Back-propagates from the scalar {@code loss}, adding into every leaf's gradient. */
  static void backward(NDArray loss) {
    try (NDArray seed = loss.onesLike()) {
      JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }
  }

  /** Sets the gradient of every parameter to zero. */
  static void zeroGradients(Collection<NDArray> parameters) {
    for (NDArray p : parameters) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }
}
