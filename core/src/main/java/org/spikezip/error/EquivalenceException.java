package org.spikezip.error;

/** The SNN did not reproduce its QANN (SPEC §5): codes or logits differ after simulation. */
public class EquivalenceException extends SpikezipException {
  private static final long serialVersionUID = 1L;

  public EquivalenceException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 5;
  }
}
