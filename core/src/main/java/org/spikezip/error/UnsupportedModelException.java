package org.spikezip.error;

/** A model whose structure or settings this project cannot convert (an operator, a variant, a setting). */
public class UnsupportedModelException extends SpikezipException {
  private static final long serialVersionUID = 1L;

  public UnsupportedModelException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 4;
  }
}
