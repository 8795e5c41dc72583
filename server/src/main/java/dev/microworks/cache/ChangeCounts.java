package dev.microworks.cache;

/**
 * What a batch or a sync did to the cache.
 *
 * @param created records new to the cache
 * @param updated records whose content changed
 * @param deleted records removed (full sync: not seen in the SoR)
 * @param unchanged records whose content hash matched: no write
 */
public record ChangeCounts(long created, long updated, long deleted, long unchanged) {

  public static final ChangeCounts NONE = new ChangeCounts(0, 0, 0, 0);

  public ChangeCounts plus(ChangeCounts other) {
    return new ChangeCounts(
        created + other.created,
        updated + other.updated,
        deleted + other.deleted,
        unchanged + other.unchanged);
  }
}
