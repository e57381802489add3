/** SIMD implementations of the exact kernels with the incubating Vector API. */
package org.spikezip.kernel.vector;
