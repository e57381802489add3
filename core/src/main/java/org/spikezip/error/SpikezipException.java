package org.spikezip.error;

/**
 * A problem with what the user gave us (a file, a model, an option), as opposed to a bug.
 *
 * <p>The message is one line that names the thing at fault and says what was expected; the command
 * line prints it as {@code spikezip: error: <message>} with the exit code of {@link #exitCode()}.
 */
public class SpikezipException extends Exception {
  private static final long serialVersionUID = 1L;

  public SpikezipException(String message) {
    super(message);
  }

  public SpikezipException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code the command line uses for this kind of problem. */
  public int exitCode() {
    return 3;
  }
}
