package dev.microworks.integration.internal.http;

/** A listing had more pages than its {@code max-pages}; nothing was silently truncated. */
public class PageLimitExceededException extends HttpEngineException {

  private final int maxPages;

  PageLimitExceededException(Target target, int maxPages) {
    super(
        target,
        null,
        null,
        "stopped after "
            + maxPages
            + " pages (max-pages): "
            + target.describe()
            + " still has a next page; raise max-pages for this table if the listing is really"
            + " that long, or check that the pagination settings match the API");
    this.maxPages = maxPages;
  }

  public int maxPages() {
    return maxPages;
  }
}
