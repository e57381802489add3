/** Energy accounting: pJ per operation, the dense (ANN, QANN) operation counts and the spike and energy report. */
package org.spikezip.energy;
