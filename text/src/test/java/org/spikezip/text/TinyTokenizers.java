package org.spikezip.text;

/**
 * Tiny byte-level BPE {@code tokenizer.json} files in the layout of RoBERTa's: vocabulary {@code
 * <s>} 0, {@code <pad>} 1, {@code </s>} 2, the letters of "hello world" and the space {@code Ġ},
 * and merges that make {@code hello} (14) and {@code Ġwor} (17).
 */
final class TinyTokenizers {
  private static final String ADDED_TOKENS = "["
      + special(0, "<s>") + "," + special(1, "<pad>") + "," + special(2, "</s>") + "]";
  private static final String BYTE_LEVEL =
      "{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true,"
          + " \"use_regex\": true}";
  private static final String MODEL = "{\"type\": \"BPE\", \"dropout\": null,"
      + " \"unk_token\": null, \"continuing_subword_prefix\": null, \"end_of_word_suffix\": null,"
      + " \"fuse_unk\": false, \"byte_fallback\": false,"
      + " \"vocab\": {\"<s>\": 0, \"<pad>\": 1, \"</s>\": 2, \"h\": 3, \"e\": 4, \"l\": 5,"
      + " \"o\": 6, \"Ġ\": 7, \"w\": 8, \"r\": 9, \"d\": 10, \"he\": 11, \"ll\": 12, \"hell\": 13,"
      + " \"hello\": 14, \"Ġw\": 15, \"or\": 16, \"Ġwor\": 17},"
      + " \"merges\": [\"h e\", \"l l\", \"he ll\", \"hell o\", \"Ġ w\", \"o r\", \"Ġw or\"]}";

  private TinyTokenizers() {}

  /** RoBERTa's post-processor: {@code <s> text </s>}. */
  static String roberta() {
    return tokenizer("{\"type\": \"RobertaProcessing\", \"sep\": [\"</s>\", 2],"
        + " \"cls\": [\"<s>\", 0], \"trim_offsets\": true, \"add_prefix_space\": false}");
  }

  /** No post-processor: no special token at all. */
  static String withoutPostProcessor() {
    return tokenizer("null");
  }

  /** A template that adds three special tokens: {@code <s> <s> text </s>}. */
  static String threeSpecialTokens() {
    return tokenizer("{\"type\": \"TemplateProcessing\","
        + " \"single\": [" + specialPiece("<s>") + ", " + specialPiece("<s>")
        + ", {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}, " + specialPiece("</s>") + "],"
        + " \"pair\": [{\"Sequence\": {\"id\": \"A\", \"type_id\": 0}},"
        + " {\"Sequence\": {\"id\": \"B\", \"type_id\": 1}}],"
        + " \"special_tokens\": {"
        + "\"<s>\": {\"id\": \"<s>\", \"ids\": [0], \"tokens\": [\"<s>\"]},"
        + " \"</s>\": {\"id\": \"</s>\", \"ids\": [2], \"tokens\": [\"</s>\"]}}}");
  }

  private static String tokenizer(String postProcessor) {
    return "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null,"
        + " \"added_tokens\": " + ADDED_TOKENS + ", \"normalizer\": null,"
        + " \"pre_tokenizer\": " + BYTE_LEVEL + ", \"post_processor\": " + postProcessor + ","
        + " \"decoder\": " + BYTE_LEVEL + ", \"model\": " + MODEL + "}";
  }

  private static String special(int id, String content) {
    return "{\"id\": " + id + ", \"content\": \"" + content + "\", \"single_word\": false,"
        + " \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}";
  }

  private static String specialPiece(String id) {
    return "{\"SpecialToken\": {\"id\": \"" + id + "\", \"type_id\": 0}}";
  }
}
