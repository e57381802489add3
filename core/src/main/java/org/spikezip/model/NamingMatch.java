package org.spikezip.model;

import java.util.List;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.NearNames;
import org.spikezip.io.TensorStore;
import org.spikezip.io.TextQuoting;

/**
 * The naming a checkpoint uses and the prefix before its names.
 *
 * @param naming the scheme; the first of {@link CheckpointNaming}'s values (in declaration order)
 *     whose anchor tensor is present, alone or after a prefix
 * @param prefix what comes before the scheme's names, such as {@code "roberta."}; empty if none
 */
public record NamingMatch(CheckpointNaming naming, String prefix) {

  /** Recognises the naming of a checkpoint with tensors {@code names}; the shortest prefix wins. */
  public static NamingMatch detect(Set<String> names) {
    for (CheckpointNaming naming : CheckpointNaming.values()) {
      String best = null;
      for (String name : names) {
        if (naming.anchor() != null && (name.equals(naming.anchor()) || name.endsWith("." + naming.anchor()))) {
          String prefix = name.substring(0, name.length() - naming.anchor().length());
          best = best == null || prefix.length() < best.length() ? prefix : best;
        }
      }
      if (best != null) {
        return new NamingMatch(naming, best);
      }
    }
    return new NamingMatch(CheckpointNaming.UNKNOWN, "");
  }

  /**
   * The ViT naming of {@code store}, which must be timm's or the original QANN's without a prefix.
   *
   * @throws UnsupportedModelException for a Hugging Face ViT or a BERT-family encoder
   * @throws MalformedWeightsException if no ViT naming is recognised, or the names carry a prefix
   */
  public static WeightNaming requireVit(TensorStore store) throws SpikezipException {
    NamingMatch match = detect(store.names());
    String source = store.source();
    switch (match.naming()) {
      case ORIGINAL_QANN:
      case TIMM:
        if (!match.prefix().isEmpty()) {
          throw new MalformedWeightsException(source + ": every name carries the prefix "
              + TextQuoting.quote(match.prefix()) + " (a training wrapper's); save the inner model's state_dict()");
        }
        return match.naming().vitNaming();
      case HUGGING_FACE_VIT:
        throw new UnsupportedModelException(source + ": a " + match.naming().title() + " is not supported (its"
            + " query, key and value are separate); save the model with timm's names");
      case BERT_ENCODER:
        throw new UnsupportedModelException(source + ": a " + match.naming().title() + " is a text encoder, which"
            + " the ViT commands do not read; use train/qat/eval with --dataset sentiment|imdb|tsv, or report"
            + " --sentences");
      default:
        throw new MalformedWeightsException(source + ": no ViT found: neither 'patch_embed.proj.weight' (timm)"
            + " nor 'patch_embed.proj.0.weight' (SpikeZIP-TF QANN); " + nearest(store.names()));
    }
  }

  private static String nearest(Set<String> names) {
    if (names.isEmpty()) {
      return "the file holds no tensors";
    }
    List<String> near = NearNames.closest("patch_embed.proj.weight", names, 3);
    return "nearest names present: " + String.join(", ", near);
  }
}
