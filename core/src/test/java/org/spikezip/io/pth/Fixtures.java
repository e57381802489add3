package org.spikezip.io.pth;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the checkpoint fixtures that make_pth_fixtures.py wrote, on the test classpath. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bug: fixture URI " + name, e);
    }
  }
}
