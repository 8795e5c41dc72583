package dev.microworks.integration;

import java.util.List;
import java.util.Map;

/**
 * One page of a listing, mapped: the rows of the listed table and of its sub-list tables.
 *
 * @param number 1-based page number in this read
 * @param rows rows per table name; the listed table is always present (possibly empty)
 * @param checkpoint resumes the listing after this page (see {@link IntegrationReader#read})
 * @param skipped records left out: outside the sync window, or without a primary key value
 */
public record MappedPage(
    int number, Map<String, List<MappedRecord>> rows, String checkpoint, long skipped) {
  public MappedPage {
    rows = Map.copyOf(rows);
  }
}
