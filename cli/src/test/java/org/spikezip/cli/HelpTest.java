package org.spikezip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTest {
  @Test
  void everyCommandDescribesEveryOption() {
    assertThat(help("inspect")).contains("--config=C", "--checkpoint=Q", "--level=L", "--weights=W", "--snn=FILE",
        "Default: grid");
    assertThat(help("simulate")).contains("--input=IN", "--output=OUT", "--encoding=E", "Default: analog",
        "--max-steps=T", "Default: 512", "--threads=N", "(default: all", "--snn=FILE", "--verbose");
    assertThat(help("report")).contains("--input=IN", "--labels=NAME", "--out=DIR", "--encoding=E", "--max-steps=T",
        "--threads=N", "--e-mac=PJ", "--e-ac=PJ", "--energy-profile=FILE", "--snn=FILE", "default 4.6", "default 0.9");
    assertThat(help("convert")).contains("--config=C", "--checkpoint=Q", "--level=L", "--output=SNN");
    assertThat(help("bench")).contains("--model=M", "Default: vit-s16", "--level=L", "Default: 16",
        "--threads=N", "--repeat=R", "Default: 3", "--seed=S");
    assertThat(help("--help")).contains("inspect", "simulate", "report", "convert", "bench", "Exit codes: 0 ok");
  }

  @Test
  void versionNamesToolAndJava() {
    Cli run = Cli.run("--version");

    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("spikezip ").contains("Java " + System.getProperty("java.version"));
  }

  private static String help(String command) {
    Cli run = command.equals("--help") ? Cli.run("--help") : Cli.run(command, "--help");
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    return run.out();
  }
}
