/** Transformer model descriptions: configurations, presets and float weights in timm naming. */
package org.spikezip.model;
