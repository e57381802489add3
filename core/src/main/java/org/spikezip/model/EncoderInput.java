package org.spikezip.model;

/**
 * One tokenized sequence for an encoder: token ids, attention mask (1 = token, 0 = padding) and
 * token type ids, all of length n. Position ids follow from the mask by the model's
 * {@link EncoderLayout}; row 0 is the [CLS] (or {@code <s>}) token and must not be padding.
 */
public record EncoderInput(int[] ids, int[] mask, int[] tokenTypes) {
  public EncoderInput {
    ids = ids.clone();
    mask = mask.clone();
    tokenTypes = tokenTypes.clone();
    if (ids.length == 0) {
      throw new IllegalArgumentException("a sequence needs at least one token");
    }
    if (mask.length != ids.length || tokenTypes.length != ids.length) {
      throw new IllegalArgumentException("ids, mask and token types must have equal length, got " + ids.length
          + ", " + mask.length + ", " + tokenTypes.length);
    }
    for (int m : mask) {
      if (m != 0 && m != 1) {
        throw new IllegalArgumentException("attention mask entries must be 0 or 1, got " + m);
      }
    }
    if (mask[0] != 1) {
      throw new IllegalArgumentException("the [CLS] token (position 0) must not be padding");
    }
  }

  /** Ids and mask, token type 0 everywhere. */
  public static EncoderInput of(int[] ids, int[] mask) {
    return new EncoderInput(ids, mask, new int[ids.length]);
  }

  public int length() {
    return ids.length;
  }
}
