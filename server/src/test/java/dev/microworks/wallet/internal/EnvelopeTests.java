package dev.microworks.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeTests {

  private static final byte[] WRAPPED = filled(60, 1);
  private static final byte[] CIPHERTEXT = filled(45, 2);

  @Test
  void anEnvelopeSurvivesEncodingAndRewrappingKeepsTheCiphertext() {
    Envelope envelope = new Envelope(7, WRAPPED, CIPHERTEXT);
    Envelope decoded = Envelope.decode(envelope.encode());
    assertThat(decoded).isEqualTo(envelope);
    assertThat(decoded.kekVersion()).isEqualTo(7);
    Envelope moved = decoded.rewrapped(8, filled(60, 3));
    assertThat(moved.ciphertext()).isEqualTo(CIPHERTEXT);
    assertThat(moved.kekVersion()).isEqualTo(8);
    assertThat(envelope.toString()).doesNotContain("1, 1").contains("v7");
  }

  @Test
  void everyLengthIsCheckedBeforeItIsRead() {
    byte[] good = new Envelope(1, WRAPPED, CIPHERTEXT).encode();

    assertThatThrownBy(() -> Envelope.decode(null)).hasMessageContaining("too short");
    assertThatThrownBy(() -> Envelope.decode(Arrays.copyOf(good, 20)))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> Envelope.decode(with(good, 0, (byte) 2)))
        .hasMessageContaining("unknown envelope format 2");
    assertThatThrownBy(() -> Envelope.decode(withInt(good, 1, 0)))
        .hasMessageContaining("KEK version 0");
    assertThatThrownBy(() -> Envelope.decode(withShort(good, 5, 0xFFFF)))
        .hasMessageContaining("wrapped data key length 65535");
    assertThatThrownBy(() -> Envelope.decode(withShort(good, 5, 10)))
        .hasMessageContaining("wrapped data key length 10");
    // a wrapped length that leaves too little for the ciphertext
    assertThatThrownBy(() -> Envelope.decode(withShort(good, 5, good.length - 7 - 10)))
        .hasMessageContaining("ciphertext length 10");
    assertThatThrownBy(() -> Envelope.decode(Arrays.copyOf(good, 7 + 60 + 20)))
        .hasMessageContaining("ciphertext length 20");
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] with(byte[] bytes, int at, byte value) {
    byte[] copy = bytes.clone();
    copy[at] = value;
    return copy;
  }

  private static byte[] withInt(byte[] bytes, int at, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putInt(at, value);
    return copy;
  }

  private static byte[] withShort(byte[] bytes, int at, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putShort(at, (short) value);
    return copy;
  }
}
