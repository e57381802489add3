package org.spikezip.train;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Sets a variable in the process's C environment, where native libraries loaded later read it, and
 * tunes glibc's allocator, both through JNA (already on the class path for DJL).
 *
 * <p>libgomp (libtorch's OpenMP) reads {@code OMP_WAIT_POLICY} once, when it is loaded; a JVM cannot
 * change its own environment through Java, so {@link TorchRuntime} calls libc's {@code setenv}
 * before the engine loads.
 *
 * <p>glibc gives each thread that allocates its own heap arena (up to 8 per core), and freed
 * tensor memory stays in the arena where it was allocated: with libtorch's worker threads,
 * fine-tuning MiniLM on 128-token reviews grew by about 1 GB every 30 s until the kernel killed it.
 * {@link #limitArenas} caps the arenas (as {@code MALLOC_ARENA_MAX} would) before those threads
 * start, so freed blocks are reused more: the same run then grew by about 0.6 GB every 30 s and
 * finished its epoch (it still grows; long sequences need small batches). Pinning the mmap
 * threshold instead kept memory flat but made every step six times slower, each large tensor being
 * freshly mapped and zero-filled.
 */
final class NativeEnvironment {
  private NativeEnvironment() {}

  /** libc's {@code setenv}. */
  interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    int mallopt(int param, int value);
  }

  /** glibc's {@code M_ARENA_MAX}. */
  private static final int M_ARENA_MAX = -8;

  /**
   * Caps glibc's heap arenas at {@code arenas} unless {@code MALLOC_ARENA_MAX} is set; returns
   * whether libc accepted it (false off glibc, which is harmless).
   */
  static boolean limitArenas(int arenas) {
    if (System.getenv("MALLOC_ARENA_MAX") != null) {
      return true;
    }
    try {
      return Native.load("c", LibC.class).mallopt(M_ARENA_MAX, arenas) == 1;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
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
