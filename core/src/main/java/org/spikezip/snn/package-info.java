/** The spiking network's per-sample buffers: running values, spike counters and the rows that changed. */
package org.spikezip.snn;
