/** Checked exceptions for bad input (files, shapes, models) that the command line turns into one-line errors. */
package org.spikezip.error;
