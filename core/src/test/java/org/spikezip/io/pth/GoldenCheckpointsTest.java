package org.spikezip.io.pth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.TestResources;
import org.spikezip.io.ElementDecoder;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFileFormat;
import org.spikezip.io.TensorFiles;
import org.spikezip.io.TensorStore;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

/**
 * The golden model as PyTorch wrote it (make_golden_pth.py) reads back as the safetensors copies of the
 * same weights, bit for bit: the release-style QANN checkpoint in both torch.save layouts, and the timm
 * float copy with float16 and bfloat16 tensors and non-contiguous views.
 */
class GoldenCheckpointsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"golden_L16_qann_zip.pth, ZIP", "golden_L16_qann_legacy.pth, LEGACY"})
  void theReleaseStyleQannEqualsTheGoldenStateDict(String file, PthFormat layout) throws Exception {
    try (TensorFile pth = TensorFiles.open(Fixtures.path(file));
        SafetensorsReader golden = SafetensorsReader.open(TestResources.path("golden/tiny_L16_qann_state.safetensors"))) {
      assertThat(pth.format()).isEqualTo(TensorFileFormat.PYTORCH);
      assertThat(((PthTensorStore) pth.store()).format()).isEqualTo(layout);
      assertThat(pth.layout()).endsWith("state dict under 'model'");
      assertThat(pth.otherEntries()).hasSize(4);
      assertThat(pth.otherEntries().get(2)).startsWith("args: argparse.Namespace(model='vit_tiny_golden', ");
      assertSameBits(pth.store(), read(golden));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"golden_timm_mixed_zip.pth", "golden_timm_mixed_legacy.pth"})
  void theMixedPrecisionCopyEqualsItsReferenceBitForBit(String file) throws Exception {
    Map<String, SafetensorsReference.Entry> reference =
        SafetensorsReference.read(Fixtures.path("golden_timm_mixed.safetensors"));
    Map<String, Tensor> expected = new LinkedHashMap<>();
    reference.forEach((name, e) -> {
      double[] values = new double[e.shape().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ElementDecoder.element(e.bytes(), i * e.dtype().byteSize(), e.dtype());
      }
      expected.put(name, Tensor.wrap(e.shape(), values, e.dtype()));
    });
    try (TensorFile pth = TensorFiles.open(Fixtures.path(file))) {
      assertThat(pth.store().dtype("blocks.0.norm1.weight")).isEqualTo(DType.F16);
      assertThat(pth.store().dtype("head.weight")).isEqualTo(DType.BF16);
      assertSameBits(pth.store(), expected);
    }
  }

  /** Its float16 and bfloat16 tensors hold the golden float32 weights rounded to nearest, ties to even. */
  @ParameterizedTest
  @CsvSource({"blocks.0.norm1.weight, blocks.0.norm1.0.weight", "blocks.1.mlp.fc1.weight, blocks.1.mlp.fc1.weight",
      "head.weight, head.weight", "norm.bias, norm.0.bias", "blocks.1.attn.proj.weight, blocks.1.attn.proj.weight",
      "blocks.0.mlp.fc2.weight, blocks.0.mlp.fc2.0.weight"})
  void theMixedPrecisionCopyHoldsTheGoldenWeightsRounded(String name, String qannName) throws Exception {
    try (TensorFile pth = TensorFiles.open(Fixtures.path("golden_timm_mixed_zip.pth"));
        SafetensorsReader golden = SafetensorsReader.open(TestResources.path("golden/tiny_L16_qann_state.safetensors"))) {
      Tensor mixed = pth.store().tensor(name);
      Path rounded = dir.resolve("rounded.safetensors");
      SafetensorsWriter.write(rounded, Map.of(name, golden.tensor(qannName).withDType(mixed.dtype())));
      try (SafetensorsReader back = SafetensorsReader.open(rounded)) {
        assertSameBits(pth.store(), Map.of(name, back.tensor(name)));
      }
    }
  }

  private static Map<String, Tensor> read(TensorStore store) throws Exception {
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (String name : store.names()) {
      all.put(name, store.tensor(name));
    }
    return all;
  }

  private static void assertSameBits(TensorStore store, Map<String, Tensor> expected) throws Exception {
    if (expected.size() > 1) {
      assertThat(store.names()).containsExactlyElementsOf(expected.keySet());
    }
    for (Map.Entry<String, Tensor> e : expected.entrySet()) {
      Tensor actual = store.tensor(e.getKey());
      assertThat(actual.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
      assertThat(actual.dtype()).as(e.getKey()).isEqualTo(e.getValue().dtype());
      for (int i = 0; i < actual.size(); i++) {
        assertThat(Double.doubleToRawLongBits(actual.get(i))).as("%s[%d]", e.getKey(), i)
            .isEqualTo(Double.doubleToRawLongBits(e.getValue().get(i)));
      }
    }
  }
}
