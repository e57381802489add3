package org.spikezip.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TextDatasetTest {
  private static final List<String> TWO = List.of("negative", "positive");

  /** Texts "t0", "t1", ... with the given labels, so every text names its index. */
  private static TextDataset numbered(List<String> classNames, int... labels) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      texts.add("t" + i);
    }
    return new TextDataset("mem", texts, labels, classNames);
  }

  /** {@code counts[c]} texts of class c, classes interleaved. */
  private static TextDataset withCounts(int... counts) {
    List<Integer> labels = new ArrayList<>();
    int[] left = counts.clone();
    boolean any = true;
    while (any) {
      any = false;
      for (int c = 0; c < left.length; c++) {
        if (left[c] > 0) {
          labels.add(c);
          left[c]--;
          any = true;
        }
      }
    }
    return numbered(DataFiles.numberedClasses(counts.length),
        labels.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void exposesTextsLabelsAndCounts() {
    TextDataset d = numbered(TWO, 1, 0, 1);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.numClasses()).isEqualTo(2);
    assertThat(d.text(2)).isEqualTo("t2");
    assertThat(d.label(1)).isZero();
    assertThat(d.labels()).containsExactly(1, 0, 1);
    assertThat(d.labelCounts()).containsExactly(1, 2);
    assertThat(d.toString()).isEqualTo("TextDataset[mem: 3 texts, 2 classes]");
    assertThat(d).isEqualTo(numbered(TWO, 1, 0, 1)).hasSameHashCodeAs(numbered(TWO, 1, 0, 1));
    assertThat(d).isNotEqualTo(numbered(TWO, 1, 0, 0));
  }

  @Test
  void copiesWhatItIsGivenAndHandsOutCopies() {
    List<String> texts = new ArrayList<>(List.of("a", "b"));
    int[] labels = {0, 1};
    TextDataset d = new TextDataset("mem", texts, labels, TWO);
    texts.set(0, "changed");
    labels[0] = 1;
    d.labels()[1] = 0;
    assertThat(d.texts()).containsExactly("a", "b");
    assertThat(d.labels()).containsExactly(0, 1);
    assertThatThrownBy(() -> d.texts().add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsInconsistentContent() {
    assertThatThrownBy(() -> new TextDataset("mem", List.of("a"), new int[] {0, 1}, TWO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("texts and labels must have the same count, got 1 and 2");
    assertThatThrownBy(() -> numbered(TWO, 0, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 1 must be in [0, 2), got 2");
    assertThatThrownBy(() -> numbered(TWO, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label 0 must be in [0, 2), got -1");
    assertThatThrownBy(() -> numbered(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("classNames must not be empty");
    List<String> withNull = new ArrayList<>(List.of("a"));
    withNull.add(null);
    assertThatThrownBy(() -> new TextDataset("mem", withNull, new int[2], TWO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("text 1 must not be null");
    assertThatThrownBy(() -> numbered(TWO, 0).text(1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("text index must be in [0, 1), got 1");
  }

  @Test
  void subsetKeepsTheGivenOrderAndRepeats() {
    TextDataset s = numbered(TWO, 0, 1, 1).subset(new int[] {2, 0, 2});
    assertThat(s.texts()).containsExactly("t2", "t0", "t2");
    assertThat(s.labels()).containsExactly(1, 0, 1);
    assertThat(s.classNames()).isEqualTo(TWO);
    assertThat(s.name()).isEqualTo("mem");
  }

  @Test
  void holdOutIsStratifiedDisjointAndInDatasetOrder() {
    TextDataset d = withCounts(70, 30);
    TextSplit split = d.holdOut(10, 7);
    assertThat(split.test().labelCounts()).containsExactly(7, 3);
    assertThat(split.train().labelCounts()).containsExactly(63, 27);
    assertThat(indices(split.test())).isSorted();
    assertThat(indices(split.train())).isSorted();
    Set<String> all = new HashSet<>(split.train().texts());
    all.addAll(split.test().texts());
    assertThat(all).hasSize(100);
  }

  @Test
  void holdOutGivesLeftoverTextsToTheLargestRemainders() {
    // 5 of 3 + 3 + 4 texts: shares 1.5, 1.5, 2.0, so one more goes to the first class of the tie.
    assertThat(withCounts(3, 3, 4).holdOut(5, 1).test().labelCounts()).containsExactly(2, 1, 2);
    // 1 of 2 + 8: shares 0.2 and 0.8.
    assertThat(withCounts(2, 8).holdOut(1, 1).test().labelCounts()).containsExactly(0, 1);
  }

  @Test
  void holdOutIsReproducibleFromTheSeed() {
    TextDataset d = withCounts(50, 50);
    assertThat(d.holdOut(20, 3)).isEqualTo(d.holdOut(20, 3));
    assertThat(d.holdOut(20, 3).test().texts()).isNotEqualTo(d.holdOut(20, 4).test().texts());
  }

  @Test
  void holdOutNeedsBothPartsNonEmpty() {
    TextDataset d = withCounts(2, 2);
    assertThatThrownBy(() -> d.holdOut(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("testCount must be in [1, size - 1] = [1, 3] for 4 texts, got 0");
    assertThatThrownBy(() -> d.holdOut(4, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("got 4");
  }

  @Test
  void limitIsAStratifiedReproducibleSample() {
    TextDataset d = withCounts(60, 40);
    TextDataset small = d.limit(10);
    assertThat(small.labelCounts()).containsExactly(6, 4);
    assertThat(small).isEqualTo(d.limit(10))
        .isEqualTo(d.holdOut(10, TextDataset.LIMIT_SEED).test());
    assertThat(indices(small)).isSorted();
    assertThat(d.limit(100)).isSameAs(d);
    assertThat(d.limit(500)).isSameAs(d);
    assertThat(d.limit(0).size()).isZero();
    assertThatThrownBy(() -> d.limit(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be non-negative, got -1");
  }

  @Property(tries = 300)
  void holdOutKeepsEveryClassWithinOneOfItsShare(
      @ForAll("labelArrays") int[] labels, @ForAll @IntRange(min = 1, max = 1000) int testCount,
      @ForAll long seed) {
    TextDataset d = numbered(DataFiles.numberedClasses(4), labels);
    int count = 1 + testCount % (d.size() - 1);
    TextSplit split = d.holdOut(count, seed);
    int[] all = d.labelCounts();
    int[] test = split.test().labelCounts();
    for (int c = 0; c < all.length; c++) {
      double share = (double) count * all[c] / d.size();
      assertThat(test[c]).isBetween((int) Math.floor(share), (int) Math.ceil(share));
      assertThat(split.train().labelCounts()[c]).isEqualTo(all[c] - test[c]);
    }
    Set<String> testTexts = new HashSet<>(split.test().texts());
    assertThat(testTexts).hasSize(count).doesNotContainAnyElementsOf(split.train().texts());
  }

  @Provide
  Arbitrary<int[]> labelArrays() {
    return Arbitraries.integers().between(0, 3).array(int[].class).ofMinSize(2).ofMaxSize(60);
  }

  /** The original indices of a dataset of {@link #numbered} texts. */
  private static List<Integer> indices(TextDataset d) {
    List<Integer> out = new ArrayList<>();
    for (String text : d.texts()) {
      out.add(Integer.parseInt(text.substring(1)));
    }
    return out;
  }
}
