/**
 * spikezip: exact SpikeZIP-TF conversion of Transformers into spiking neural networks.
 *
 * <p>Packages follow the pipeline: {@code io} (weights) › {@code model} › {@code quant} (QANN) ›
 * {@code convert} › {@code snn} (neurons and spike operators) › {@code sim} (simulator).
 */
package org.spikezip;
