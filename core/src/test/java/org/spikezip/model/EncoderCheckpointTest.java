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

/** Hugging Face BERT and RoBERTa naming: weights written and read back are the same, shapes are checked. */
class EncoderCheckpointTest {
  @TempDir Path dir;

  private static final EncoderConfig CONFIG = RandomEncoders.config(11, 6, 6, 2, 2, 10, 3);
  private static final EncoderConfig ROBERTA = RandomEncoders.config(EncoderLayout.ROBERTA, 11, 8, 6, 2, 2, 10, 3);

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

  @Test
  void robertaClassifierRoundTripsThroughSafetensors() throws Exception {
    EncoderWeights w = RandomEncoders.weights(ROBERTA, 7);
    Map<String, Tensor> tensors = EncoderCheckpoint.tensors(w, "roberta.");
    assertThat(tensors).containsKeys("roberta.embeddings.position_embeddings.weight",
        "roberta.encoder.layer.1.output.dense.bias", "classifier.dense.weight", "classifier.dense.bias",
        "classifier.out_proj.weight", "classifier.out_proj.bias").doesNotContainKey("classifier.weight");
    assertThat(tensors.get("roberta.embeddings.token_type_embeddings.weight").shape()).isEqualTo(Shape.of(1, 6));
    assertThat(tensors.get("classifier.out_proj.weight").shape()).isEqualTo(Shape.of(3, 6));
    Path file = dir.resolve("roberta.safetensors");
    SafetensorsWriter.write(file, tensors);
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      EncoderWeights back = EncoderCheckpoint.read(store, ROBERTA);
      assertThat(back.head()).isInstanceOf(DenseTanhHead.class).usingRecursiveComparison().isEqualTo(w.head());
      assertThat(EncoderCheckpoint.tensors(back, "roberta.")).usingRecursiveComparison().isEqualTo(tensors);
      assertThat(back.layers().get(1).outNorm().eps()).isEqualTo(EncoderConfig.ROBERTA_LN_EPS);
    }
  }

  /** A single {@code classifier} is read for RoBERTa, and dense + out_proj for BERT. */
  @Test
  void eitherLayoutReadsEitherHead() throws Exception {
    EncoderWeights roberta = RandomEncoders.weights(ROBERTA, 9);
    LinearWeights outProj = ((DenseTanhHead) roberta.head()).outProj();
    EncoderWeights robertaLinear = withHead(roberta, new LinearHead(outProj));
    EncoderWeights bertTanh = withHead(RandomEncoders.weights(CONFIG, 10),
        new DenseTanhHead(((DenseTanhHead) roberta.head()).dense(), outProj));
    for (EncoderWeights w : new EncoderWeights[] {robertaLinear, bertTanh}) {
      String prefix = w.config().layout().checkpointPrefix();
      Path file = dir.resolve(prefix + "safetensors");
      SafetensorsWriter.write(file, EncoderCheckpoint.tensors(w, prefix));
      try (SafetensorsReader store = SafetensorsReader.open(file)) {
        assertThat(EncoderCheckpoint.read(store, w.config()).head()).usingRecursiveComparison().isEqualTo(w.head());
      }
    }
  }

  @Test
  void aMissingOutProjIsReportedInOneLineByName() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>(
        EncoderCheckpoint.tensors(RandomEncoders.weights(ROBERTA, 11), "roberta."));
    tensors.remove("classifier.out_proj.weight");
    Path file = dir.resolve("no_out_proj.safetensors");
    SafetensorsWriter.write(file, tensors);
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThatThrownBy(() -> EncoderCheckpoint.read(store, ROBERTA))
          .isInstanceOf(MalformedWeightsException.class)
          .hasMessageStartingWith(store.source() + ": no tensor named 'classifier.out_proj.weight'")
          .hasMessageNotContaining("\n");
    }
  }

  private static EncoderWeights withHead(EncoderWeights w, ClassifierHead head) {
    return new EncoderWeights(w.config(), w.wordEmbeddings(), w.positionEmbeddings(), w.tokenTypeEmbeddings(),
        w.embeddingNorm(), w.layers(), w.pooler(), head);
  }
}
