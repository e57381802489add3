package org.spikezip.text;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikezip.error.InvalidInputException;
import org.spikezip.model.EncoderInput;

/**
 * Turns a text into an {@link EncoderInput} with a Hugging Face {@code tokenizer.json}: the token
 * ids the tokenizer gives, special tokens included ({@code [CLS] ... [SEP]} for BERT, {@code <s>
 * ... </s>} for RoBERTa), cut to at most {@code maxLength} tokens with the closing special token
 * kept, an attention mask of ones and token types 0.
 *
 * <p>Sequences are not padded: each has its own length. To batch them, pad with any id of the
 * vocabulary (0, say) and mask 0; padded positions are masked out of attention, so their ids do not
 * change the outputs at real tokens. (DJL does not expose the tokenizer's own pad id.)
 *
 * <p>{@link #open} checks that the tokenizer puts a special token first, since an encoder
 * classifies from position 0, and that {@code maxLength} leaves room for its special tokens.
 * {@link #close()} releases the native tokenizer.
 */
public final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final Path file;
  private final int maxLength;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, Path file, int maxLength) {
    this.tokenizer = tokenizer;
    this.file = file;
    this.maxLength = maxLength;
  }

  /**
   * Loads {@code tokenizerJson}, adding special tokens and truncating to {@code maxLength}; the
   * truncation and padding settings inside the file are replaced by these.
   *
   * @param maxLength the most tokens of a sequence, special tokens included; at least 2
   * @throws InvalidInputException if the file is missing or not a tokenizer the Hugging Face
   *     library accepts, adds no special token first, or adds more special tokens than {@code
   *     maxLength}
   */
  public static TextTokenizer open(Path tokenizerJson, int maxLength) throws InvalidInputException {
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
    }
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new InvalidInputException(tokenizerJson + ": "
          + (Files.exists(tokenizerJson) ? "not a file" : "file not found")
          + "; expected a Hugging Face tokenizer.json");
    }
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerJson)
          .optAddSpecialTokens(true)
          .optTruncation(true)
          .optMaxLength(maxLength)
          .optPadding(false)
          .build();
    } catch (IOException e) {
      throw new InvalidInputException(
          tokenizerJson + ": cannot read (" + TextErrors.describe(e) + ")", e);
    } catch (EngineException e) {
      throw e; // the native library did not load: no fault of the file
    } catch (RuntimeException e) {
      throw new InvalidInputException(tokenizerJson + ": not a tokenizer.json the Hugging Face "
          + "tokenizers library accepts (" + TextErrors.oneLine(e.getMessage()) + ")", e);
    }
    TextTokenizer opened = new TextTokenizer(tokenizer, tokenizerJson, maxLength);
    try {
      opened.checkSpecialTokens();
    } catch (InvalidInputException | RuntimeException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  /** The tokenizer file. */
  public Path file() {
    return file;
  }

  /** The most tokens of a sequence, special tokens included. */
  public int maxLength() {
    return maxLength;
  }

  /**
   * The tokens of {@code text}: ids with special tokens, at most {@link #maxLength()} of them,
   * mask all ones, token types 0.
   */
  public EncoderInput encode(String text) {
    return toInput(tokenizer.encode(text));
  }

  /** {@link #encode} of each text, in order (tokenized in parallel by the native library). */
  public List<EncoderInput> encodeAll(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    List<EncoderInput> inputs = new ArrayList<>(encodings.length);
    for (Encoding encoding : encodings) {
      inputs.add(toInput(encoding));
    }
    return List.copyOf(inputs);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  @Override
  public String toString() {
    return "TextTokenizer[" + file + ", maxLength " + maxLength + "]";
  }

  private EncoderInput toInput(Encoding encoding) {
    long[] ids = encoding.getIds();
    if (ids.length == 0 || ids.length > maxLength) {
      throw new IllegalStateException("bug: " + ids.length + " tokens from " + file
          + ", expected 1.." + maxLength + " after the checks of open");
    }
    int[] out = new int[ids.length];
    for (int k = 0; k < ids.length; k++) {
      out[k] = Math.toIntExact(ids[k]);
    }
    int[] mask = new int[ids.length];
    Arrays.fill(mask, 1);
    return EncoderInput.of(out, mask);
  }

  /**
   * Checks the special tokens the tokenizer adds, those of the empty text: at least one, a special
   * token first, and no more than maxLength (the library leaves a text untruncated when they do not
   * fit).
   */
  private void checkSpecialTokens() throws InvalidInputException {
    long[] special = tokenizer.encode("").getSpecialTokenMask();
    if (special.length == 0 || special[0] != 1) {
      throw new InvalidInputException(file + ": the tokenizer puts no special token such as [CLS] "
          + "or <s> first (no post-processor adds one), but an encoder classifies from position 0");
    }
    if (special.length > maxLength) {
      throw new InvalidInputException(file + ": the tokenizer adds " + special.length
          + " special tokens to every text, more than maxLength " + maxLength);
    }
  }
}
