package org.spikezip.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, as {@link Main#execute} does for the JVM, capturing its output. */
record Cli(int code, String out, String err) {

  static Cli run(Object... args) {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(strings, new PrintWriter(out), new PrintWriter(err));
    return new Cli(code, out.toString(), err.toString());
  }

  /** The lines of stderr. */
  String[] errLines() {
    return err.split("\\R");
  }
}
