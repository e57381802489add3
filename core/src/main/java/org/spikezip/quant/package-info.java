/** The quantized network (QANN): quantizers at the places of SPEC §3, exact layers, the reference forward pass. */
package org.spikezip.quant;
