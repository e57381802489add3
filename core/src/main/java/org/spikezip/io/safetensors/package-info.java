/** Reading and writing the safetensors format (a JSON header of names, dtypes, shapes and offsets, then raw little-endian data). */
package org.spikezip.io.safetensors;
