package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void printsTimesStepsSpikesAndEquality() {
    Cli run = Cli.run("bench", "--model", "tiny", "--level", 8, "--repeat", 1, "--threads", 2);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("model     tiny: 32x32, dim 48, depth 2, 3 heads")
        .contains("batch     2 image(s) on 2 thread(s), 1 repeats")
        .containsPattern("QANN      min [0-9.]+ s, median [0-9.]+ s")
        .containsPattern("SNN       min [0-9.]+ s, median [0-9.]+ s \\(to quiescence\\)")
        .containsPattern("steps     [0-9]+\\R")
        .contains("SNN logits equal QANN logits: yes, bit for bit");
  }
}
