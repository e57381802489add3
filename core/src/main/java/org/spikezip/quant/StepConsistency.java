package org.spikezip.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spikezip.model.VitConfig;

/**
 * Warns when a checkpoint's quantizer steps look inconsistent with the level they are used at. Original
 * checkpoints do not store the level, and a wrong one silently changes every quantizer's range. Two
 * simple checks, meant to catch gross mistakes, not to prove a level right:
 *
 * <ol>
 *   <li><b>Softmax range.</b> The attention probabilities lie in [0, 1]; the unsigned softmax quantizer
 *       {@code attn_quan} represents at most {@code s (L - 1)}. Trained at level L, that top value is
 *       of order 1 (the golden model has 0.31 at L = 8 and 0.46 at L = 16); it is flagged when it is
 *       more than {@value #SOFTMAX_FACTOR} times away from 1 in either direction, in any block.
 *   <li><b>Spread between blocks.</b> A learned step of one quantizer site (say {@code attn.quan_q})
 *       varies between blocks by small factors; it is flagged when the largest is more than
 *       {@value #MAX_SPREAD} times the smallest, which suggests mis-mapped or corrupted steps.
 * </ol>
 */
public final class StepConsistency {
  /** How far, as a factor, the softmax quantizer's top value may be from 1 before a warning. */
  public static final double SOFTMAX_FACTOR = 4;
  /** The largest ratio between the steps of one site in different blocks before a warning. */
  public static final double MAX_SPREAD = 100;

  private StepConsistency() {}

  /** The warnings about {@code steps} of a ViT of {@code config} used at {@code level}, one line each. */
  public static List<String> warnings(QuantizerSteps steps, VitConfig config, int level) {
    List<String> warnings = new ArrayList<>();
    double lowest = Double.POSITIVE_INFINITY;
    double highest = 0;
    for (int b = 0; b < config.depth(); b++) {
      double top = steps.step(QuantSite.ATTN.name(b)) * new Quantizer(level, false, 1).qmax();
      lowest = Math.min(lowest, top);
      highest = Math.max(highest, top);
    }
    if (lowest < 1 / SOFTMAX_FACTOR || highest > SOFTMAX_FACTOR) {
      warnings.add(String.format(Locale.ROOT, "the softmax quantizers' top values, step x (L - 1) at level %d,"
              + " range from %.3g to %.3g, but softmax outputs lie in [0, 1] and at the level a model was trained"
              + " with this is near 1 (within a factor %.0f): is the level right?", level, lowest, highest,
          SOFTMAX_FACTOR));
    }
    for (QuantSite site : QuantSite.values()) {
      int low = 0;
      int high = 0;
      for (int b = 1; b < config.depth(); b++) {
        low = steps.step(site.name(b)) < steps.step(site.name(low)) ? b : low;
        high = steps.step(site.name(b)) > steps.step(site.name(high)) ? b : high;
      }
      double ratio = steps.step(site.name(high)) / steps.step(site.name(low));
      if (ratio > MAX_SPREAD) {
        warnings.add(String.format(Locale.ROOT, "the steps of %s range from %.3g (%s) to %.3g (%s), a factor of %.3g;"
                + " one site's steps rarely differ by more than %.0f between blocks: are they mapped right?",
            site.name(0).replace("blocks.0.", "blocks.N."), steps.step(site.name(low)), site.name(low),
            steps.step(site.name(high)), site.name(high), ratio, MAX_SPREAD));
      }
    }
    return warnings;
  }
}
