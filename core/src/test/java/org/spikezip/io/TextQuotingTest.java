package org.spikezip.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextQuotingTest {

  @Test
  void quotesEscapeWhatWouldBreakALine() {
    assertThat(TextQuoting.quote("a'b\\c\nd\u2028e\u0085")).isEqualTo("'a\\'b\\\\c\\x0ad\\u2028e\\x85'");
  }

  @Test
  void longTextIsCut() {
    assertThat(TextQuoting.quote("x".repeat(200))).hasSize(TextQuoting.MAX_CHARS + 3).endsWith("…'");
  }
}
