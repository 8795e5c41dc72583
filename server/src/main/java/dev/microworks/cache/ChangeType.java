package dev.microworks.cache;

/** What happened to a cached record. */
public enum ChangeType {
  CREATED,
  UPDATED,
  DELETED
}
