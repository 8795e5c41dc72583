package dev.microworks.integration;

/** Where a table's rows come from; see {@link TableSpec}. */
public enum MergeStrategy {
  /** The records of the table's own LIST endpoint. */
  NONE,
  /** The elements of a nested array in each parent record (Citrix SUBLIST). */
  SUB_LIST,
  /** Each listed record completed by the DETAIL endpoint (Citrix DETAIL). */
  DETAIL
}
