/** Turns texts into encoder inputs with Hugging Face tokenizers (through DJL) and locates MiniLM's files. */
package org.spikezip.text;
