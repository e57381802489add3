package org.spikezip.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Reads {@code golden/tiny_weights.safetensors}, the float ViT of the original release (copied from
 * {@code ../shared/golden/}); expected values were read from the file with Python's {@code struct}.
 */
class SafetensorsGoldenTest {

  static Path golden() throws URISyntaxException {
    return Path.of(SafetensorsGoldenTest.class.getResource("/golden/tiny_weights.safetensors").toURI());
  }

  @Test
  void readsNamesInFileOrderAndMetadata() throws Exception {
    try (SafetensorsReader reader = SafetensorsReader.open(golden())) {
      assertThat(reader.names()).hasSize(32)
          .startsWith("cls_token", "pos_embed", "patch_embed.proj.weight", "patch_embed.proj.bias",
              "blocks.0.norm1.weight")
          .endsWith("norm.weight", "norm.bias", "head.weight", "head.bias");
      assertThat(reader.metadata()).containsEntry("names", "timm 0.3.2 VisionTransformer");
      assertThat(reader.metadata().get("config")).startsWith("{\"img_size\": 32, \"patch_size\": 8,");
      assertThat(reader.shape("patch_embed.proj.weight")).isEqualTo(Shape.of(48, 3, 8, 8));
      assertThat(reader.dtype("head.weight")).isEqualTo(DType.F32);
    }
  }

  @Test
  void readsKnownValues() throws Exception {
    try (SafetensorsReader reader = SafetensorsReader.open(golden())) {
      Tensor cls = reader.tensor("cls_token");
      assertThat(cls.shape()).isEqualTo(Shape.of(1, 1, 48));
      assertThat(cls.dtype()).isEqualTo(DType.F32);
      assertThat(new double[] {cls.get(0), cls.get(1), cls.get(2)})
          .containsExactly(-0.0558592826128006, -0.24829505383968353, 0.08153685182332993);
      assertThat(reader.tensor("head.bias").data()).containsExactly(
          -0.03399331495165825, -0.002821865491569042, 0.014038912951946259, 0.07178554683923721,
          0.13608816266059875, -0.08404212445020676, 0.0821562185883522, -0.018610995262861252,
          -0.08010872453451157, 0.1632632613182068);
      assertThat(reader.tensor("patch_embed.proj.weight").get(((1 * 3 + 2) * 8 + 3) * 8 + 4))
          .isEqualTo(-0.03865952044725418);
      assertThat(reader.tensor("pos_embed").get(16 * 48 + 47)).isEqualTo(-0.20945101976394653);
      assertThat(reader.tensor("blocks.1.mlp.fc2.weight").get(47 * 96 + 95))
          .isEqualTo(0.12030840665102005);
      assertThat(reader.tensor("norm.weight").get(0)).isEqualTo(1.0988578796386719);
      double sum = 0;
      for (double v : reader.tensor("blocks.0.attn.qkv.weight").data()) {
        sum += v;
      }
      assertThat(sum).isEqualTo(-6.571730519681296);
    }
  }

  @Test
  void missingNameListsNearestNames() throws Exception {
    try (SafetensorsReader reader = SafetensorsReader.open(golden())) {
      assertThat(reader.contains("head.wieght")).isFalse();
      assertThatThrownBy(() -> reader.tensor("head.wieght"))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("tiny_weights.safetensors")
          .hasMessageContaining("'head.wieght'")
          .hasMessageContaining("head.weight");
    }
  }

  @Test
  void rewritingGivesTheSameTensorsAndMetadata(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("copy.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try (SafetensorsReader reader = SafetensorsReader.open(golden())) {
      for (String name : reader.names()) {
        tensors.put(name, reader.tensor(name));
      }
      SafetensorsWriter.write(copy, tensors, reader.metadata());
      // Same data section byte for byte: the writer keeps order, dtype and F32 values.
      byte[] original = Files.readAllBytes(golden());
      byte[] rewritten = Files.readAllBytes(copy);
      int originalHeader = 8 + (int) TestFiles.headerLength(original);
      int rewrittenHeader = 8 + (int) TestFiles.headerLength(rewritten);
      assertThat(Arrays.copyOfRange(rewritten, rewrittenHeader, rewritten.length))
          .isEqualTo(Arrays.copyOfRange(original, originalHeader, original.length));
    }
    try (SafetensorsReader reader = SafetensorsReader.open(copy)) {
      assertThat(reader.names()).containsExactlyElementsOf(tensors.keySet());
      assertThat(reader.metadata()).containsEntry("names", "timm 0.3.2 VisionTransformer");
      for (String name : reader.names()) {
        assertThat(reader.tensor(name).data()).isEqualTo(tensors.get(name).data());
      }
    }
  }
}
