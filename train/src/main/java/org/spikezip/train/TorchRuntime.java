package org.spikezip.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * DJL's PyTorch engine, configured once per JVM to run offline with a bounded thread pool.
 *
 * <p>Before the engine first loads, {@link #engine()} sets (unless the user already set them, as
 * system property or environment variable):
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL never downloads; libtorch comes from the
 *       {@code pytorch-native-cpu} (or, with Maven profile {@code cuda}, {@code pytorch-native-cu124})
 *       jar on the class path and the JNI library from {@code pytorch-jni}, both extracted once into
 *       the cache directory;
 *   <li>{@code DJL_CACHE_DIR}: {@code ~/.djl.ai}, DJL's own default, made explicit;
 *   <li>{@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads}: 1, or
 *       the value of system property {@code spikezip.threads}. On a small shared machine an
 *       unbounded OpenMP pool is many times slower; one thread is as fast as two on 2 cores.
 * </ul>
 *
 * <p>{@code OMP_WAIT_POLICY=PASSIVE} (idle OpenMP threads sleep instead of spinning) is an
 * environment variable libgomp reads when it loads; unless the launcher set it, it is put into the
 * process's C environment ({@link NativeEnvironment}) before libtorch loads.
 */
public final class TorchRuntime {
  /** System property with the libtorch intra-op thread count (default 1). */
  public static final String THREADS_PROPERTY = "spikezip.threads";

  private static Engine engine;

  private TorchRuntime() {}

  /** The configured PyTorch engine, loading it on first use. */
  public static synchronized Engine engine() {
    if (engine == null) {
      configure();
      try {
        engine = Engine.getEngine("PyTorch");
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        throw new IllegalStateException("the PyTorch engine did not load offline: libtorch must come from the "
            + "jar ai.djl.pytorch:pytorch-native-cpu:2.5.1:linux-x86_64 (or pytorch-native-cu124 with Maven "
            + "profile cuda) on the class path, extracted into " + System.getProperty("DJL_CACHE_DIR")
            + " (" + e + ")", e);
      }
      int threads = threads();
      if (JniUtils.getNumThreads() != threads) {
        JniUtils.setNumThreads(threads);
      }
    }
    return engine;
  }

  /** A new root manager on the engine's default device; close it to free everything it holds. */
  public static NDManager newManager() {
    return engine().newBaseManager();
  }

  /**
   * Makes {@code n} the intra-op thread count unless {@value #THREADS_PROPERTY} is set or the engine
   * is loaded already. Small ViTs train fastest on one thread; a pretrained text encoder's larger
   * matrix products gain from every core.
   */
  public static synchronized void defaultThreads(int n) {
    if (engine == null && System.getProperty(THREADS_PROPERTY) == null) {
      System.setProperty(THREADS_PROPERTY, Integer.toString(n));
    }
  }

  /** The libtorch intra-op thread count this JVM uses. */
  public static int threads() {
    String value = System.getProperty(THREADS_PROPERTY, "1");
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(THREADS_PROPERTY + " must be a whole number, got '" + value + "'", e);
    }
    if (n < 1) {
      throw new IllegalArgumentException(THREADS_PROPERTY + " must be at least 1, got " + n);
    }
    return n;
  }

  private static void configure() {
    NativeEnvironment.setDefault("OMP_WAIT_POLICY", "PASSIVE");
    NativeEnvironment.limitArenas(2);
    setDefault("ai.djl.offline", "true");
    if (System.getenv("DJL_CACHE_DIR") == null) {
      setDefault("DJL_CACHE_DIR", Path.of(System.getProperty("user.home"), ".djl.ai").toString());
    }
    String threads = Integer.toString(threads());
    setDefault("ai.djl.pytorch.num_threads", threads);
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
