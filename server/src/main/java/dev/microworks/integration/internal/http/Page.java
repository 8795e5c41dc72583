package dev.microworks.integration.internal.http;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page of records, handed to a {@link PageHandler}.
 *
 * @param number 1 for the first page of a listing (pages keep their numbers when resumed)
 * @param records the records of this page only
 * @param checkpoint opaque; {@link HttpEngine#stream} given it resumes with the page after this one
 * @param last whether the engine knows there is no page after this one
 */
public record Page(int number, List<JsonNode> records, String checkpoint, boolean last) {

  public Page {
    records = List.copyOf(records);
  }
}
