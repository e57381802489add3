package org.spikezip.energy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spikezip.error.InvalidInputException;

/**
 * Reads an {@link EnergyModel} from a JSON profile such as
 * {@code {"name": "45 nm CMOS", "e_mac_pj": 4.6, "e_ac_pj": 0.9}}: both energies are required (pJ per
 * operation, finite, not negative), {@code name} is optional (the file name by default), and any
 * other key is an error, so that a misspelt key cannot silently fall back to a default.
 */
public final class EnergyProfile {
  /** Key of the energy of one multiply-accumulate, pJ. */
  public static final String MAC_KEY = "e_mac_pj";
  /** Key of the energy of one accumulate, pJ. */
  public static final String AC_KEY = "e_ac_pj";
  /** Key of the profile's name. */
  public static final String NAME_KEY = "name";

  private static final List<String> KEYS = List.of(NAME_KEY, MAC_KEY, AC_KEY);

  private EnergyProfile() {}

  /** Reads the profile in {@code file}. */
  public static EnergyModel read(Path file) throws InvalidInputException {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file (an energy profile must exist)");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read energy profile (" + e + ")", e);
    }
    return parse(json, file.toString(), String.valueOf(file.getFileName()));
  }

  /** Parses profile text from {@code source}; {@code defaultName} names it when it has no {@code name}. */
  public static EnergyModel parse(String json, String source, String defaultName) throws InvalidInputException {
    JsonObject o;
    try {
      JsonElement root = JsonParser.parseString(json);
      if (!root.isJsonObject()) {
        throw new InvalidInputException(source + ": an energy profile is a JSON object with keys "
            + String.join(", ", KEYS) + ", got " + root);
      }
      o = root.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new InvalidInputException(source + ": not valid JSON (" + e.getMessage() + ")");
    }
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw new InvalidInputException(source + ": unknown key '" + e.getKey() + "' in energy profile;"
            + " allowed keys: " + String.join(", ", KEYS));
      }
    }
    String name = o.has(NAME_KEY) ? string(o, NAME_KEY, source) : defaultName;
    double mac = energy(o, MAC_KEY, source);
    double ac = energy(o, AC_KEY, source);
    return new EnergyModel(name, mac, ac);
  }

  private static String string(JsonObject o, String key, String source) throws InvalidInputException {
    JsonElement e = o.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
      throw new InvalidInputException(source + ": energy profile key '" + key + "' must be a non-empty string, got "
          + e);
    }
    return e.getAsString();
  }

  private static double energy(JsonObject o, String key, String source) throws InvalidInputException {
    if (!o.has(key)) {
      throw new InvalidInputException(source + ": energy profile is missing key '" + key + "' (pJ per operation)");
    }
    JsonElement e = o.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new InvalidInputException(source + ": energy profile key '" + key + "' must be a number of pJ, got "
          + e);
    }
    double pj = e.getAsDouble();
    if (!(pj >= 0) || Double.isInfinite(pj)) {
      throw new InvalidInputException(source + ": energy profile key '" + key
          + "' must be finite and not negative, got " + pj);
    }
    return pj;
  }
}
