/** Conversion of a quantized network into a new, immutable spiking network (SPEC §4). */
package org.spikezip.convert;
