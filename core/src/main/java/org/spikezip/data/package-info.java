/** Labelled image datasets (IDX, digits CSV, CIFAR, image folders) read as normalised tensors. */
package org.spikezip.data;
