package org.spikezip;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates a file of {@code src/test/resources} on the test classpath, such as {@code fixtures/x.pth}. */
public final class TestResources {
  private TestResources() {}

  public static Path path(String name) {
    URL url = TestResources.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bug: resource URI of " + name, e);
    }
  }
}
