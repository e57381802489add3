package org.spikezip.model;

/**
 * The Hugging Face encoder layouts. They differ in the position id each token looks up:
 *
 * <pre>
 * BERT:     pos[t] = t                                          t = 0..n-1
 * ROBERTA:  pos[t] = cumsum(mask)[t] * mask[t] + paddingIndex   paddingIndex = 1
 * </pre>
 *
 * so RoBERTa's tokens take positions 2, 3, ... and every padded token position 1 (Hugging Face's
 * {@code create_position_ids_from_input_ids}, with the attention mask standing for
 * {@code ids != pad}; padded rows are never read by unpadded ones, see {@link EncoderInput}).
 * RoBERTa's first {@link #reservedPositions} rows of the position table are never taken by a token,
 * so roberta-base's 514 rows hold 512 tokens.
 *
 * <p>The layouts also name their weights under their own prefix and bring their own default
 * classification head ({@link LinearHead} for BERT, {@link DenseTanhHead} for RoBERTa).
 */
public enum EncoderLayout {
  /** {@code BertForSequenceClassification}: positions {@code 0..n-1}, weights under {@code bert.}. */
  BERT,
  /** {@code RobertaForSequenceClassification}: positions offset past the padding index, weights under {@code roberta.}. */
  ROBERTA;

  /** RoBERTa's {@code padding_idx} ({@code pad_token_id}), the position of every padded token. */
  public static final int ROBERTA_PADDING_INDEX = 1;

  /**
   * The position ids {@code [n]} of a sequence with attention mask {@code mask} (1 = token, 0 =
   * padding), by the equations above.
   */
  public int[] positionIds(int[] mask) {
    int[] pos = new int[mask.length];
    int tokens = 0;
    for (int t = 0; t < mask.length; t++) {
      tokens += mask[t];
      pos[t] = this == BERT ? t : tokens * mask[t] + ROBERTA_PADDING_INDEX;
    }
    return pos;
  }

  /** Position rows no token takes: 0 for BERT, {@code paddingIndex + 1} (rows 0 and 1) for RoBERTa. */
  public int reservedPositions() {
    return this == BERT ? 0 : ROBERTA_PADDING_INDEX + 1;
  }

  /** The prefix of the encoder's weights in a Hugging Face sequence classifier: {@code bert.} or {@code roberta.}. */
  public String checkpointPrefix() {
    return this == BERT ? "bert." : "roberta.";
  }
}
