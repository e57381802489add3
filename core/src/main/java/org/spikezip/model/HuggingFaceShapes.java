package org.spikezip.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.TensorStore;

/**
 * Describes a Hugging Face model that spikezip recognises but does not convert, from its tensor shapes:
 * a BERT-family encoder (dim and vocabulary from {@code embeddings.word_embeddings [vocab, dim]},
 * positions and token types from their embedding tables, layers from {@code encoder.layer.N}, the
 * intermediate width from layer 0's {@code intermediate.dense.bias}) or a ViT (patch, channels and dim
 * from {@code embeddings.patch_embeddings.projection [dim, chans, patch, patch]}, tokens from
 * {@code embeddings.position_embeddings}, classes from {@code classifier.weight}). A size whose tensor
 * is absent (ONNX exports rename some) shows as "?".
 */
public final class HuggingFaceShapes {
  private static final String UNKNOWN = "?";

  private HuggingFaceShapes() {}

  /** One line about the model {@code match} found in {@code store}, or "" for the other namings. */
  public static String describe(TensorStore store, NamingMatch match) throws MalformedWeightsException {
    String p = match.prefix();
    String layers = Integer.toString(layers(store, p));
    String intermediate = dim(store, p + "encoder.layer.0.intermediate.dense.bias", 0);
    switch (match.naming()) {
      case BERT_ENCODER:
        String kind = p.equals("roberta.") ? "RoBERTa" : p.equals("bert.") ? "BERT" : "BERT-family";
        return kind + " encoder: dim " + dim(store, p + "embeddings.word_embeddings.weight", 1) + ", " + layers
            + " layers, intermediate " + intermediate + ", vocabulary "
            + dim(store, p + "embeddings.word_embeddings.weight", 0) + ", "
            + dim(store, p + "embeddings.position_embeddings.weight", 0) + " positions, "
            + dim(store, p + "embeddings.token_type_embeddings.weight", 0) + " token types";
      case HUGGING_FACE_VIT:
        String projection = p + "embeddings.patch_embeddings.projection.weight";
        return "Hugging Face ViT: dim " + dim(store, projection, 0) + ", " + layers + " layers, intermediate "
            + intermediate + ", patch " + dim(store, projection, 2) + ", " + dim(store, projection, 1)
            + " channels, " + dim(store, p + "embeddings.position_embeddings", 1) + " tokens, "
            + dim(store, "classifier.weight", 0) + " classes";
      default:
        return "";
    }
  }

  private static int layers(TensorStore store, String prefix) {
    Pattern layer = Pattern.compile(Pattern.quote(prefix) + "encoder\\.layer\\.(\\d{1,6})\\..*");
    int count = 0;
    for (String name : store.names()) {
      Matcher m = layer.matcher(name);
      if (m.matches()) {
        count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
      }
    }
    return count;
  }

  private static String dim(TensorStore store, String name, int axis) throws MalformedWeightsException {
    if (!store.contains(name) || store.shape(name).rank() <= axis) {
      return UNKNOWN;
    }
    return Integer.toString(store.shape(name).dim(axis));
  }
}
