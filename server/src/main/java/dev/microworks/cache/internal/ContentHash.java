package dev.microworks.cache.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The content hash used for change detection: SHA-256 over the payload text. (The wallet issue
 * makes it keyed — HMAC with a tenant key — so equal values in two tenants reveal nothing.)
 */
final class ContentHash {

  private ContentHash() {}

  static byte[] of(String payload) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
