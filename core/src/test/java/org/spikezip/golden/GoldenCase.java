package org.spikezip.golden;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.model.VitCheckpoint;
import org.spikezip.model.VitConfig;
import org.spikezip.model.WeightNaming;
import org.spikezip.quant.QuantSite;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.tensor.Tensor;

/**
 * One golden case of the original release ({@code src/test/resources/golden/tiny_L<level>.*}, copied
 * from {@code ../shared/golden/}; see the README there): the JSON sidecar, the QANN built from the
 * original QANN state dict, the four input images and every tensor of {@code *_tensors.safetensors}.
 *
 * <p>The golden tensors keep the original release's layouts ({@code [B, ...]} with PyTorch's own
 * shapes); {@link #ours} permutes one sample of a per-neuron tensor into {@link
 * org.spikezip.quant.QannResult}'s layout.
 *
 * @param level quantization levels L
 * @param json the sidecar {@code tiny_L<level>.json}
 * @param config the ViT config from the sidecar
 * @param qann the QANN from {@code tiny_L<level>_qann_state.safetensors}
 * @param images the inputs, {@code [inChans, imgSize, imgSize]} each
 * @param tensors every tensor of {@code tiny_L<level>_tensors.safetensors}
 */
record GoldenCase(int level, JsonObject json, VitConfig config, QuantizedVit qann, List<double[]> images,
    Map<String, Tensor> tensors) {

  /** Largest |ours - golden| allowed for a logit (SPEC §5: 1e-9 in the default precision). */
  static final double LOGIT_TOLERANCE = 1e-9;

  /** The quantizers whose golden codes are {@code [B, heads, tokens, headDim]}. */
  private static final List<QuantSite> PER_HEAD = List.of(QuantSite.Q, QuantSite.K, QuantSite.V, QuantSite.ATTN_V);

  static GoldenCase load(int level) throws Exception {
    String base = "tiny_L" + level;
    String jsonText = Files.readString(resource(base + ".json"), StandardCharsets.UTF_8);
    JsonObject json = JsonParser.parseString(jsonText).getAsJsonObject();
    VitConfig config = VitConfig.fromJson(jsonText, base + ".json");
    QuantizedVit qann;
    try (SafetensorsReader state = SafetensorsReader.open(resource(base + "_qann_state.safetensors"))) {
      qann = QuantizedVit.build(VitCheckpoint.read(state, config, WeightNaming.ORIGINAL_QANN), QuantizerSteps.read(state, config), level,
          WeightPrecision.grid());
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try (SafetensorsReader reader = SafetensorsReader.open(resource(base + "_tensors.safetensors"))) {
      for (String name : reader.names()) {
        tensors.put(name, reader.tensor(name));
      }
    }
    Tensor input = tensors.get("input");
    int batch = input.shape().dim(0);
    int per = input.size() / batch;
    List<double[]> images = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      double[] image = new double[per];
      System.arraycopy(input.data(), b * per, image, 0, per);
      images.add(image);
    }
    return new GoldenCase(level, json, config, qann, images, tensors);
  }

  static Path resource(String name) throws IOException, URISyntaxException {
    URL url = GoldenCase.class.getResource("/golden/" + name);
    if (url == null) {
      throw new IOException("test resource /golden/" + name + " is missing");
    }
    return Path.of(url.toURI());
  }

  int batch() {
    return images.size();
  }

  Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("golden tensor '" + name + "' is missing");
    }
    return t;
  }

  /** The quantizer names in network order, as the release names them ({@code qann_path}). */
  List<String> quantizerNames() {
    return QuantizerSteps.names(config);
  }

  /**
   * Sample {@code b} of the golden per-neuron tensor {@code <prefix><name>} ({@code codes.} or
   * {@code spikes_abs.}) in our layout:
   *
   * <pre>
   * patch_embed.proj.1           golden [B, dim, gh, gw]          ours [patch = gy*gw + gx, dim]
   * quan_q, quan_k, quan_v,
   * after_attn_quan              golden [B, heads, tokens, headDim] ours [tokens, head*headDim + e]
   * attn_quan                    golden [B, heads, tokens, tokens]  ours the same without B
   * every other quantizer        golden [B, tokens, width]          ours the same without B
   * </pre>
   */
  int[] ours(String prefix, String name, int b) {
    int[] golden = tensor(prefix + name).toIntArray();
    int per = golden.length / batch();
    int off = b * per;
    int[] out = new int[per];
    int d = config.embedDim();
    int n = config.numTokens();
    if (name.equals(QuantSite.PATCH_EMBED)) {
      int g = config.gridSize();
      for (int c = 0; c < d; c++) {
        for (int gy = 0; gy < g; gy++) {
          for (int gx = 0; gx < g; gx++) {
            out[(gy * g + gx) * d + c] = golden[off + (c * g + gy) * g + gx];
          }
        }
      }
    } else if (isPerHead(name)) {
      int hd = config.headDim();
      for (int h = 0; h < config.numHeads(); h++) {
        for (int t = 0; t < n; t++) {
          for (int e = 0; e < hd; e++) {
            out[t * d + h * hd + e] = golden[off + (h * n + t) * hd + e];
          }
        }
      }
    } else {
      System.arraycopy(golden, off, out, 0, per);
    }
    return out;
  }

  private boolean isPerHead(String name) {
    for (int b = 0; b < config.depth(); b++) {
      for (QuantSite s : PER_HEAD) {
        if (name.equals(s.name(b))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Sample {@code b} of a golden {@code [B, classes]} tensor. */
  double[] row(String name, int b) {
    Tensor t = tensor(name);
    int classes = t.shape().dim(t.shape().rank() - 1);
    double[] out = new double[classes];
    System.arraycopy(t.data(), b * classes, out, 0, classes);
    return out;
  }

  /** Sample {@code b} at step {@code t} (1-based) of a golden {@code [T, B, classes]} tensor. */
  double[] row(String name, int t, int b) {
    Tensor x = tensor(name);
    int classes = x.shape().dim(2);
    double[] out = new double[classes];
    System.arraycopy(x.data(), ((t - 1) * batch() + b) * classes, out, 0, classes);
    return out;
  }
}
