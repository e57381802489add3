/** Numerical kernels that know nothing of neurons: the canonical LayerNorm and softmax, row updates. */
package org.spikezip.kernel;
