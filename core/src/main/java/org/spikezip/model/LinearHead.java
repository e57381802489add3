package org.spikezip.model;

/**
 * BERT's head: {@code logits = classifier(x_L[0])}, {@code [numClasses, hidden]}; the readout is
 * the identity. (BERT's pooler, dense + tanh, is carried in {@link EncoderWeights} but not used.)
 */
public record LinearHead(LinearWeights classifier) implements ClassifierHead {

  @Override
  public LinearWeights firstLayer() {
    return classifier;
  }

  @Override
  public int numClasses() {
    return classifier.out();
  }

  @Override
  public void readout(double[] h, double[] logits) {
    System.arraycopy(h, 0, logits, 0, classifier.out());
  }

  @Override
  public long readoutMacs() {
    return 0;
  }
}
