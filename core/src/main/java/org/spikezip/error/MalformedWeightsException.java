package org.spikezip.error;

/** A weights or tensor file that is corrupt, truncated, inconsistent or lacks a tensor we need. */
public class MalformedWeightsException extends SpikezipException {
  private static final long serialVersionUID = 1L;

  public MalformedWeightsException(String message) {
    super(message);
  }

  public MalformedWeightsException(String message, Throwable cause) {
    super(message, cause);
  }
}
