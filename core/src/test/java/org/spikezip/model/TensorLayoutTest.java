package org.spikezip.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class TensorLayoutTest {
  private static final VitConfig CONFIG = RandomVits.config(8, 4, 8, 2, 2, 2.0, 3);

  @TempDir Path dir;

  @Test
  void everyMissingMisshapedAndUnexpectedTensorIsListed() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>(VitCheckpoint.tensors(RandomVits.weights(CONFIG, 1), WeightNaming.TIMM));
    t.remove("blocks.0.attn.qkv.bias");
    t.remove("norm.weight");
    t.put("head.weight", Tensor.wrap(Shape.of(8, 3), new double[24]));
    t.put("blocks.1.mlp.fc1.weight", Tensor.wrap(Shape.of(16, 8, 1), new double[128]));
    t.put("fc_norm.weight", Tensor.wrap(Shape.of(8), new double[8]));
    Path file = dir.resolve("vit.safetensors");
    SafetensorsWriter.write(file, t);

    TensorLayout.Check check;
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      check = TensorLayout.vit(CONFIG, WeightNaming.TIMM).check(store);
    }

    assertThat(check.problems()).containsExactly(
        "missing 'blocks.0.attn.qkv.bias', expected [24]",
        "'blocks.1.mlp.fc1.weight' has shape [16, 8, 1], expected [16, 8]",
        "missing 'norm.weight', expected [8]",
        "'head.weight' has shape [8, 3], expected [3, 8]");
    assertThat(check.unexpected()).containsExactly("fc_norm.weight");
    assertThat(check.message("f", "a ViT")).isEqualTo("f: 4 tensor(s) do not fit a ViT: "
        + String.join("; ", check.problems()));
  }

  @Test
  void aScalarSlotTakesAnyOneElementShapeAndTheMessageCountsWhatItDoesNotList() throws Exception {
    Path file = dir.resolve("steps.safetensors");
    SafetensorsWriter.write(file, Map.of("a.s", Tensor.wrap(Shape.of(1), new double[] {0.5}),
        "b.s", Tensor.wrap(Shape.of(1, 1), new double[] {0.5})));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("a.s", Shape.of());
    shapes.put("b.s", Shape.of());
    for (char c = 'c'; c <= 'i'; c++) {
      shapes.put(c + ".s", Shape.of());
    }
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      TensorLayout.Check check = new TensorLayout(shapes).check(store);
      assertThat(check.problems()).hasSize(7).first().isEqualTo("missing 'c.s', expected a scalar");
      assertThat(check.message("f", "x")).endsWith("missing 'g.s', expected a scalar; and 2 more"
          + " ('spikezip inspect f' lists them all)");
    }
  }
}
