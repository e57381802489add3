package org.spikezip.train;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Sets a variable in the process's C environment, where native libraries loaded later read it.
 *
 * <p>libgomp (libtorch's OpenMP) reads {@code OMP_WAIT_POLICY} once, when it is loaded; a JVM cannot
 * change its own environment through Java, so {@link TorchRuntime} calls libc's {@code setenv}
 * through JNA (already on the class path for DJL) before the engine loads.
 */
final class NativeEnvironment {
  private NativeEnvironment() {}

  /** libc's {@code setenv}. */
  interface LibC extends Library {
    int setenv(String name, String value, int overwrite);
  }

  /**
   * Sets {@code name} to {@code value} unless it is already set; returns whether it now holds a
   * value (false if libc could not be reached, e.g. on Windows).
   */
  static boolean setDefault(String name, String value) {
    if (System.getenv(name) != null) {
      return true;
    }
    try {
      LibC libc = Native.load("c", LibC.class);
      return libc.setenv(name, value, 0) == 0;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
  }
}
