/** Spike operators: each keeps a running sum of its input and emits the change of its function. */
package org.spikezip.snn.op;
