package org.spikezip.cli;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.tensor.Tensor;

/**
 * The golden model as the command line's tests use it ({@code src/test/resources/golden/}, written by
 * core's {@code make_golden_pth.py}): the release-style PyTorch checkpoint, the config, and the input with
 * the release's float64 QANN logits and SNN outputs per step.
 */
final class GoldenFiles {
  static final int HEADS = 3;
  static final int LEVEL = 16;
  /** SPEC §5: the largest difference from a golden float64 output that counts as equal. */
  static final double TOLERANCE = 1e-9;

  private GoldenFiles() {}

  /** {@code {'model': state dict, 'optimizer': ..., 'scaler': ..., 'args': Namespace, 'epoch': 0}}, zip format. */
  static Path pth() {
    return resource("tiny_L16_qann_zip.pth");
  }

  static Path config() {
    return resource("tiny_config.json");
  }

  /** {@code input} [4, 3, 32, 32], {@code qann_logits_f64} [4, 10], {@code snn_accu_per_step_f64_epsfix} [21, 4, 10]. */
  static Path expected() {
    return resource("tiny_L16_expected.safetensors");
  }

  static Map<String, Tensor> read(Path file) throws Exception {
    Map<String, Tensor> all = new LinkedHashMap<>();
    try (SafetensorsReader r = SafetensorsReader.open(file)) {
      for (String name : r.names()) {
        all.put(name, r.tensor(name));
      }
    }
    return all;
  }

  private static Path resource(String name) {
    URL url = GoldenFiles.class.getResource("/golden/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource golden/" + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bug: resource URI of " + name, e);
    }
  }
}
