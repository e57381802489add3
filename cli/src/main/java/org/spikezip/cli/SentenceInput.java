package org.spikezip.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.spikezip.data.TextDataset;
import org.spikezip.data.TsvSentences;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.SpikezipException;

/**
 * The sentences of {@code report --sentences}: a TSV file whose header names a {@code sentence} and
 * a {@code label} column (GLUE/SST-2 layout; labelled), or plain text, one sentence per non-blank
 * line (unlabelled).
 *
 * @param texts the sentences, in file order
 * @param labels their labels, when the file has them
 */
record SentenceInput(List<String> texts, Optional<int[]> labels) {

  static SentenceInput read(Path file, int numClasses) throws SpikezipException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read sentences (" + e + ")", e);
    }
    if (!lines.isEmpty() && isTsvHeader(lines.get(0))) {
      TextDataset d = TsvSentences.read(file);
      int[] labels = d.labels();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] >= numClasses) {
          throw new InvalidInputException(file + ": label " + labels[i] + " of sentence " + (i + 1)
              + " is outside the model's " + numClasses + " classes");
        }
      }
      return new SentenceInput(d.texts(), Optional.of(labels));
    }
    List<String> texts = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        texts.add(line.strip());
      }
    }
    if (texts.isEmpty()) {
      throw new InvalidInputException(file + ": no sentences (expected one per line, or a TSV with 'sentence' and"
          + " 'label' columns)");
    }
    return new SentenceInput(texts, Optional.empty());
  }

  private static boolean isTsvHeader(String line) {
    List<String> columns = Arrays.asList(line.replace("\uFEFF", "").strip().split("\t"));
    return columns.contains(TsvSentences.TEXT_COLUMN) && columns.contains(TsvSentences.LABEL_COLUMN);
  }
}
