package org.spikezip.model;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spikezip.error.InvalidInputException;

/**
 * {@link EncoderConfig} as JSON in Hugging Face's {@code config.json} keys, so that a model's own
 * config file can be given as is: {@code vocab_size}, {@code max_position_embeddings},
 * {@code type_vocab_size}, {@code hidden_size}, {@code num_hidden_layers},
 * {@code num_attention_heads}, {@code intermediate_size}, {@code num_labels} (else the size of
 * {@code id2label}, else 2), {@code layer_norm_eps} (default BERT's 1e-12) and {@code hidden_act}
 * ({@code gelu} or {@code relu}; default gelu, as in Hugging Face); {@code model_type}
 * {@code roberta} selects RoBERTa's layout (positions, eps 1e-5 and one token type by default),
 * anything else BERT's.
 */
public final class EncoderConfigJson {
  private EncoderConfigJson() {}

  public static String toJson(EncoderConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_type", c.layout().name().toLowerCase(Locale.ROOT));
    m.put("vocab_size", c.vocabSize());
    m.put("max_position_embeddings", c.maxPositions());
    m.put("type_vocab_size", c.typeVocabSize());
    m.put("hidden_size", c.hidden());
    m.put("num_hidden_layers", c.layers());
    m.put("num_attention_heads", c.heads());
    m.put("intermediate_size", c.intermediate());
    m.put("num_labels", c.numClasses());
    m.put("layer_norm_eps", c.lnEps());
    m.put("hidden_act", c.activation().name().toLowerCase(Locale.ROOT));
    return new Gson().toJson(m);
  }

  /** Reads a config JSON file; see {@link #fromJson}. */
  public static EncoderConfig read(Path file) throws InvalidInputException {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read config (" + e + ")", e);
    }
  }

  /** Reads a config from a JSON object (or an object with a {@code config} member). */
  public static EncoderConfig fromJson(String json, String source) throws InvalidInputException {
    JsonObject o = ConfigJson.object(json, source, "encoder config");
    EncoderLayout layout = o.has("model_type") && o.get("model_type").getAsString().equalsIgnoreCase("roberta")
        ? EncoderLayout.ROBERTA
        : EncoderLayout.BERT;
    double eps = layout == EncoderLayout.ROBERTA ? EncoderConfig.ROBERTA_LN_EPS : EncoderConfig.BERT_LN_EPS;
    int labels = o.has("id2label") && o.get("id2label").isJsonObject() ? o.getAsJsonObject("id2label").size() : 2;
    try {
      return new EncoderConfig(
          ConfigJson.intKey(o, "vocab_size", source, null),
          ConfigJson.intKey(o, "max_position_embeddings", source, null),
          ConfigJson.intKey(o, "type_vocab_size", source, layout == EncoderLayout.ROBERTA ? 1 : 2),
          ConfigJson.intKey(o, "hidden_size", source, null),
          ConfigJson.intKey(o, "num_hidden_layers", source, null),
          ConfigJson.intKey(o, "num_attention_heads", source, null),
          ConfigJson.intKey(o, "intermediate_size", source, null),
          ConfigJson.intKey(o, "num_labels", source, labels),
          o.has("layer_norm_eps") ? ConfigJson.number(o, "layer_norm_eps", source) : eps,
          o.has("hidden_act") ? Activation.parse(o.get("hidden_act").getAsString()) : Activation.GELU,
          layout);
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw new InvalidInputException(source + ": " + e.getMessage());
    }
  }
}
