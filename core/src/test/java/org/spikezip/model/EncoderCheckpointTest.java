package org.spikezip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/** Hugging Face BERT naming: weights written and read back are the same, shapes are checked. */
class EncoderCheckpointTest {
  @TempDir Path dir;

  private static final EncoderConfig CONFIG = RandomEncoders.config(11, 6, 6, 2, 2, 10, 3);

  @Test
  void bertWeightsRoundTripThroughSafetensors() throws Exception {
    EncoderWeights w = RandomEncoders.weights(CONFIG, 5);
    Path file = dir.resolve("bert.safetensors");
    Map<String, Tensor> tensors = EncoderCheckpoint.tensors(w, "bert.");
    assertThat(tensors).containsKeys("bert.embeddings.word_embeddings.weight",
        "bert.encoder.layer.1.attention.self.query.bias", "bert.encoder.layer.0.output.LayerNorm.weight",
        "bert.pooler.dense.weight", "classifier.weight");
    SafetensorsWriter.write(file, tensors);
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      EncoderWeights back = EncoderCheckpoint.read(store, CONFIG, "bert.");
      assertThat(EncoderCheckpoint.tensors(back, "bert.")).usingRecursiveComparison().isEqualTo(tensors);
      assertThat(back.embeddingNorm().eps()).isEqualTo(EncoderConfig.BERT_LN_EPS);
    }
  }

  @Test
  void aMisShapedTensorIsReportedByName() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>(EncoderCheckpoint.tensors(RandomEncoders.weights(CONFIG, 6), ""));
    tensors.put("encoder.layer.0.intermediate.dense.weight", Tensor.wrap(Shape.of(9, 6), new double[54]));
    tensors.remove("pooler.dense.weight");
    tensors.remove("pooler.dense.bias");
    Path file = dir.resolve("bad.safetensors");
    SafetensorsWriter.write(file, tensors);
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> EncoderCheckpoint.read(store, CONFIG, ""))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageContaining("encoder.layer.0.intermediate.dense.weight")
          .hasMessageContaining("[10, 6]");
    }
  }
}
