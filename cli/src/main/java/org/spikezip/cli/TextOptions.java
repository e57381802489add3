package org.spikezip.cli;

import java.nio.file.Path;
import org.spikezip.data.TextDataset;
import org.spikezip.data.TextSplit;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.EncoderExamples;
import org.spikezip.text.TextTokenizer;
import picocli.CommandLine.Option;

/** How sentences become token sequences: the tokenizer and the longest sequence kept. */
final class TextOptions {
  @Option(names = "--tokenizer", paramLabel = "FILE",
      description = "A Hugging Face tokenizer.json (default: all-MiniLM-L6-v2's WordPiece tokenizer, bundled).")
  Path tokenizer;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64",
      description = "Longest token sequence, [CLS] and [SEP] included; longer sentences are truncated.")
  int maxTokens;

  /** The tokenizer asked for, or the bundled MiniLM one. */
  TextTokenizer open() throws SpikezipException {
    if (maxTokens < 2) {
      throw new InvalidInputException("--max-tokens must be at least 2, got " + maxTokens);
    }
    Path file = tokenizer != null ? tokenizer : PretrainedEncoder.miniLm().tokenizerJson();
    return TextTokenizer.open(file, maxTokens);
  }

  /** Both parts of {@code split}, tokenized. */
  TokenizedSplit encode(TextSplit split) throws SpikezipException {
    try (TextTokenizer tok = open()) {
      return new TokenizedSplit(encode(tok, split.train()), encode(tok, split.test()));
    }
  }

  /** Tokenizes {@code data} with {@code tok}. */
  static EncoderExamples encode(TextTokenizer tok, TextDataset data) {
    return new EncoderExamples(tok.encodeAll(data.texts()), data.labels(), data.classNames());
  }
}
