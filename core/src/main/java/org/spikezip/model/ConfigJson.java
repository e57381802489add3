package org.spikezip.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.spikezip.error.InvalidInputException;

/** Typed reads of config JSON keys, each failure a one-line message naming the source and key. */
final class ConfigJson {
  private ConfigJson() {}

  /**
   * The JSON object in {@code json}: the object itself or its {@code config} member (as in the
   * golden vectors' sidecar files).
   */
  static JsonObject object(String json, String source, String what) throws InvalidInputException {
    try {
      JsonElement root = JsonParser.parseString(json);
      if (!root.isJsonObject()) {
        throw new InvalidInputException(source + ": expected a JSON object with " + what + " keys");
      }
      JsonObject o = root.getAsJsonObject();
      return o.has("config") && o.get("config").isJsonObject() ? o.getAsJsonObject("config") : o;
    } catch (JsonParseException e) {
      throw new InvalidInputException(source + ": not valid JSON (" + e.getMessage() + ")");
    }
  }

  static int intKey(JsonObject o, String key, String source, Integer fallback)
      throws InvalidInputException {
    if (!o.has(key)) {
      if (fallback == null) {
        throw new InvalidInputException(source + ": missing config key '" + key + "'");
      }
      return fallback;
    }
    double v = number(o, key, source);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new InvalidInputException(source + ": config key '" + key + "' must be a whole number, got " + v);
    }
    return (int) v;
  }

  static double number(JsonObject o, String key, String source) throws InvalidInputException {
    JsonElement e = o.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new InvalidInputException(source + ": config key '" + key + "' must be a number, got " + e);
    }
    return e.getAsDouble();
  }

  static boolean bool(JsonObject o, String key, String source) throws InvalidInputException {
    JsonElement e = o.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw new InvalidInputException(source + ": config key '" + key + "' must be true or false, got " + e);
    }
    return e.getAsBoolean();
  }
}
