package dev.microworks.wallet.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The stored form of a secret, format 1 (all integers big-endian):
 *
 * <pre>
 * offset  size  field
 * 0       1     format = 1
 * 1       4     KEK version (&ge; 1) that wrapped the data key
 * 5       2     n = length of the wrapped data key (28..1024)
 * 7       n     wrapped data key: the KEK's AES-256-GCM output, nonce(12) | key(32) | tag(16)
 * 7+n     rest  the secret: AES-256-GCM under the data key, nonce(12) | ciphertext | tag(16)
 * </pre>
 *
 * Both encryptions use the same associated data, which binds the envelope to tenant, credential id,
 * kind (and so purpose), owner and slot. {@link #decode} checks every length before it reads.
 */
record Envelope(int kekVersion, byte[] wrappedKey, byte[] ciphertext) {

  static final byte FORMAT = 1;
  private static final int HEADER = 7;
  private static final int MIN_AEAD = 12 + 16;
  private static final int MAX_WRAPPED = 1024;
  private static final int MAX_CIPHERTEXT = 1 << 20;

  byte[] encode() {
    return ByteBuffer.allocate(HEADER + wrappedKey.length + ciphertext.length)
        .put(FORMAT)
        .putInt(kekVersion)
        .putShort((short) wrappedKey.length)
        .put(wrappedKey)
        .put(ciphertext)
        .array();
  }

  /**
   * Parses an envelope.
   *
   * @throws MalformedEnvelopeException saying which part is wrong
   */
  static Envelope decode(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER + 2 * MIN_AEAD) {
      throw new MalformedEnvelopeException(
          "envelope too short (%d bytes)".formatted(bytes == null ? 0 : bytes.length));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte format = in.get();
    if (format != FORMAT) {
      throw new MalformedEnvelopeException("unknown envelope format " + format);
    }
    int version = in.getInt();
    if (version < 1) {
      throw new MalformedEnvelopeException("KEK version " + version + " is not a version");
    }
    int wrappedLength = Short.toUnsignedInt(in.getShort());
    if (wrappedLength < MIN_AEAD || wrappedLength > MAX_WRAPPED) {
      throw new MalformedEnvelopeException(
          "wrapped data key length %d outside %d..%d"
              .formatted(wrappedLength, MIN_AEAD, MAX_WRAPPED));
    }
    int rest = bytes.length - HEADER - wrappedLength;
    if (rest < MIN_AEAD || rest > MAX_CIPHERTEXT) {
      throw new MalformedEnvelopeException(
          "ciphertext length %d outside %d..%d".formatted(rest, MIN_AEAD, MAX_CIPHERTEXT));
    }
    byte[] wrapped = Arrays.copyOfRange(bytes, HEADER, HEADER + wrappedLength);
    byte[] ciphertext = Arrays.copyOfRange(bytes, HEADER + wrappedLength, bytes.length);
    return new Envelope(version, wrapped, ciphertext);
  }

  /** The same secret with its data key wrapped again, by another KEK version. */
  Envelope rewrapped(int version, byte[] wrapped) {
    return new Envelope(version, wrapped, ciphertext);
  }

  @Override
  public String toString() {
    return "Envelope[format=1, kek v" + kekVersion + ", " + ciphertext.length + " bytes]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Envelope that
        && kekVersion == that.kekVersion
        && Arrays.equals(wrappedKey, that.wrappedKey)
        && Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * kekVersion + Arrays.hashCode(ciphertext);
  }

  /** An envelope that cannot be parsed; treated as tampering. */
  static final class MalformedEnvelopeException extends RuntimeException {
    MalformedEnvelopeException(String message) {
      super(message);
    }
  }
}
