package dev.microworks.integration.internal.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a listing resumes: the next page's number and URI (or "done"), bound to the listing by a
 * fingerprint so a checkpoint from another table is refused. Encoded as {@code v1.<base64url>}.
 */
record Checkpoint(String listing, int nextPage, Optional<URI> next) {

  private static final String PREFIX = "v1.";

  static String fingerprint(ListingRequest listing) {
    String text =
        listing.base().method()
            + " "
            + listing.base().uri()
            + " "
            + listing.rootPath()
            + " "
            + listing.paginator().kind();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String encode() {
    String text = listing + "\n" + nextPage + "\n" + next.map(URI::toString).orElse("");
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Checkpoint decode(String checkpoint, ListingRequest listing) {
    String expected = fingerprint(listing);
    try {
      if (!checkpoint.startsWith(PREFIX)) {
        throw new IllegalArgumentException("unknown format");
      }
      String text =
          new String(
              Base64.getUrlDecoder().decode(checkpoint.substring(PREFIX.length())),
              StandardCharsets.UTF_8);
      String[] parts = text.split("\n", 3);
      if (parts.length != 3) {
        throw new IllegalArgumentException("unknown format");
      }
      if (!parts[0].equals(expected)) {
        throw new IllegalArgumentException(
            "it belongs to another listing (or the listing's URL, root path or pagination changed)");
      }
      Optional<URI> next =
          parts[2].isEmpty() ? Optional.empty() : Optional.of(URI.create(parts[2]));
      return new Checkpoint(parts[0], Integer.parseInt(parts[1]), next);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot resume " + listing.base() + " from checkpoint: " + e.getMessage(), e);
    }
  }
}
