/** The spike and energy report: JSON, CSV, PNG charts and one self-contained HTML page from an {@code EnergyReport}. */
package org.spikezip.report;
