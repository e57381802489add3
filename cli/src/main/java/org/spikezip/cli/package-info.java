/** The {@code spikezip} command line (picocli): one class per subcommand; the only package that prints. */
package org.spikezip.cli;
