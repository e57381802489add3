package org.spikezip.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads offline from the Maven artifacts and computes. */
class TorchRuntimeTest {

  @Test
  void engineLoadsOfflineAndAddsArrays() {
    assertThat(TorchRuntime.engine().getEngineName()).isEqualTo("PyTorch");
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    try (NDManager m = TorchRuntime.newManager()) {
      NDArray a = m.create(new float[] {1, 2, 3});
      NDArray b = a.add(a).mul(0.5f);
      assertThat(b.toFloatArray()).containsExactly(1f, 2f, 3f);
    }
  }

  @Test
  void setsCEnvironmentVariablesForNativeLibraries() {
    assertThat(NativeEnvironment.setDefault("SPIKEZIP_TEST_VARIABLE", "1")).isTrue();
    assertThat(TorchRuntime.threads()).isEqualTo(1);
  }

  @Test
  void capsGlibcsArenas() {
    // This machine and CI run glibc; mallopt answers 1 when it takes the setting.
    assertThat(NativeEnvironment.limitArenas(2)).isTrue();
  }
}
