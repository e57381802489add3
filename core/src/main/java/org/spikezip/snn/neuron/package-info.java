/** The ST-BIF+ neuron, the spiking replacement of an activation quantizer. */
package org.spikezip.snn.neuron;
