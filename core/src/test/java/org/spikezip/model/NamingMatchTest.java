package org.spikezip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

class NamingMatchTest {
  @TempDir Path dir;

  @Test
  void recognisesEachNamingByItsAnchorAndPrefix() {
    assertThat(NamingMatch.detect(Set.of("cls_token", "patch_embed.proj.0.weight", "patch_embed.proj.1.s")))
        .isEqualTo(new NamingMatch(CheckpointNaming.ORIGINAL_QANN, ""));
    assertThat(NamingMatch.detect(Set.of("patch_embed.proj.weight", "blocks.0.attn.qkv.weight")))
        .isEqualTo(new NamingMatch(CheckpointNaming.TIMM, ""));
    assertThat(NamingMatch.detect(Set.of("module.patch_embed.proj.weight")))
        .isEqualTo(new NamingMatch(CheckpointNaming.TIMM, "module."));
    assertThat(NamingMatch.detect(Set.of("vit.embeddings.patch_embeddings.projection.weight", "classifier.weight")))
        .isEqualTo(new NamingMatch(CheckpointNaming.HUGGING_FACE_VIT, "vit."));
    assertThat(NamingMatch.detect(Set.of("roberta.embeddings.word_embeddings.weight",
        "roberta.encoder.layer.0.attention.self.query.weight")))
        .isEqualTo(new NamingMatch(CheckpointNaming.BERT_ENCODER, "roberta."));
    assertThat(NamingMatch.detect(Set.of("embeddings.word_embeddings.weight")))
        .isEqualTo(new NamingMatch(CheckpointNaming.BERT_ENCODER, ""));
    assertThat(NamingMatch.detect(Set.of("conv1.weight", "fc.weight")))
        .isEqualTo(new NamingMatch(CheckpointNaming.UNKNOWN, ""));
  }

  @Test
  void aBertEncoderIsDescribedFromItsShapesAndRefusedAsUnsupported() throws Exception {
    Path file = write("bert.safetensors", Map.of(
        "roberta.embeddings.word_embeddings.weight", Shape.of(50, 8),
        "roberta.embeddings.position_embeddings.weight", Shape.of(14, 8),
        "roberta.embeddings.token_type_embeddings.weight", Shape.of(1, 8),
        "roberta.encoder.layer.0.intermediate.dense.bias", Shape.of(32),
        "roberta.encoder.layer.2.attention.self.query.weight", Shape.of(8, 8)));
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      NamingMatch match = NamingMatch.detect(store.names());
      assertThat(HuggingFaceShapes.describe(store, match)).isEqualTo(
          "RoBERTa encoder: dim 8, 3 layers, intermediate 32, vocabulary 50, 14 positions, 1 token types");
      assertThatThrownBy(() -> NamingMatch.requireVit(store))
          .isInstanceOf(UnsupportedModelException.class)
          .hasMessage(file + ": a Hugging Face BERT-family encoder (embeddings.word_embeddings,"
              + " encoder.layer.N.attention.self.query, ...) is a text encoder, which the ViT commands do not read;"
              + " use train/qat/eval with --dataset sentiment|imdb|tsv, or report --sentences");
    }
  }

  @Test
  void aHuggingFaceVitIsDescribedAndRefused() throws Exception {
    Path file = write("hfvit.safetensors", Map.of(
        "vit.embeddings.patch_embeddings.projection.weight", Shape.of(8, 3, 4, 4),
        "vit.embeddings.position_embeddings", Shape.of(1, 5, 8),
        "vit.encoder.layer.0.intermediate.dense.bias", Shape.of(16),
        "classifier.weight", Shape.of(10, 8)));
    try (SafetensorsReader store = SafetensorsReader.open(file)) {
      assertThat(HuggingFaceShapes.describe(store, NamingMatch.detect(store.names()))).isEqualTo(
          "Hugging Face ViT: dim 8, 1 layers, intermediate 16, patch 4, 3 channels, 5 tokens, 10 classes");
      assertThatThrownBy(() -> NamingMatch.requireVit(store)).isInstanceOf(UnsupportedModelException.class)
          .hasMessageEndingWith("is not supported (its query, key and value are separate); save the model with"
              + " timm's names");
    }
  }

  @Test
  void aPrefixOrNoVitAtAllIsAMalformedCheckpoint() throws Exception {
    Path prefixed = write("ddp.safetensors", Map.of("module.patch_embed.proj.weight", Shape.of(8, 3, 4, 4)));
    try (SafetensorsReader store = SafetensorsReader.open(prefixed)) {
      assertThatThrownBy(() -> NamingMatch.requireVit(store)).isInstanceOf(MalformedWeightsException.class)
          .hasMessage(prefixed + ": every name carries the prefix 'module.' (a training wrapper's); save the inner"
              + " model's state_dict()");
    }
    Path resnet = write("resnet.safetensors", Map.of("conv1.weight", Shape.of(8, 3, 3, 3)));
    try (SafetensorsReader store = SafetensorsReader.open(resnet)) {
      assertThatThrownBy(() -> NamingMatch.requireVit(store)).isInstanceOf(MalformedWeightsException.class)
          .hasMessage(resnet + ": no ViT found: neither 'patch_embed.proj.weight' (timm) nor"
              + " 'patch_embed.proj.0.weight' (SpikeZIP-TF QANN); nearest names present: conv1.weight");
    }
  }

  private Path write(String name, Map<String, Shape> shapes) throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    shapes.forEach((n, s) -> tensors.put(n, Tensor.wrap(s, new double[s.size()])));
    Path file = dir.resolve(name);
    SafetensorsWriter.write(file, tensors);
    return file;
  }
}
