package org.spikezip.error;

/** Input data (images, tensors, configuration values) with the wrong shape, range or content. */
public class InvalidInputException extends SpikezipException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
