package org.spikezip.kernel;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the {@link ExactKernels} once per JVM from the system property {@code spikezip.kernels}:
 * {@code scalar}, {@code vector} (the {@code spikezip-vector} module, which needs
 * {@code --add-modules jdk.incubator.vector}) or {@code auto} (the default: vector when it loads,
 * else scalar). Results are the same either way; only speed differs.
 */
public final class Kernels {
  private static final ExactKernels EXACT = choose(System.getProperty("spikezip.kernels", "auto"));

  private Kernels() {}

  /** The kernels in use. */
  public static ExactKernels exact() {
    return EXACT;
  }

  static ExactKernels choose(String wanted) {
    if (wanted.equals("scalar")) {
      return ScalarKernels.INSTANCE;
    }
    ExactKernels vector = loadVector();
    if (vector != null) {
      return vector;
    }
    if (wanted.equals("vector")) {
      throw new IllegalStateException("spikezip.kernels=vector but the vector kernels are not available: "
          + "put spikezip-vector on the class path and run java with --add-modules jdk.incubator.vector");
    }
    return ScalarKernels.INSTANCE;
  }

  private static ExactKernels loadVector() {
    try {
      for (ExactKernels k : ServiceLoader.load(ExactKernels.class)) {
        return k;
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      // The module is on the class path but jdk.incubator.vector is not in the boot layer.
      return null;
    }
    return null;
  }
}
