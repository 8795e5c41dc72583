package dev.microworks.integration.internal.http;

/**
 * Receives pages one at a time, in order, on the calling thread. An exception thrown here stops the
 * listing and propagates unchanged.
 */
@FunctionalInterface
public interface PageHandler {
  void onPage(Page page);
}
