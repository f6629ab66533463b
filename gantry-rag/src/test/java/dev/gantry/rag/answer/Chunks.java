package dev.gantry.rag.answer;

import dev.gantry.rag.RetrievedChunk;
import java.util.List;

/** Retrieval hits written by hand, as a knowledge base would return them. */
final class Chunks {
  private Chunks() {}

  static RetrievedChunk chunk(String id, String title, String text) {
    String document = id.substring(0, id.indexOf('#'));
    return new RetrievedChunk(
        id, document, title, List.of(title), 100, 100 + text.length(), 0.03, 0.5, 1, 1, text, text);
  }
}
