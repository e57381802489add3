/**
 * Labelled datasets: images (IDX, digits CSV, CIFAR, image folders) read as normalised tensors, and
 * texts (UCI sentences, IMDb reviews, GLUE-style TSV) for sentence classification.
 */
package org.spikezip.data;
