/** Dense row-major tensors of doubles and their shapes: the plain data every other stage exchanges. */
package org.spikezip.tensor;
