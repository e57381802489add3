/** The time-stepped simulator: per-sample state, encodings, the stop rule and listeners. */
package org.spikezip.sim;
