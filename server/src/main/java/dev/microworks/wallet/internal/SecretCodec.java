package dev.microworks.wallet.internal;

import dev.microworks.wallet.SecretFields;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secret fields as bytes and back without passing values through {@code String}s (which cannot be
 * wiped): count(2), then per field name length(2) | name UTF-8 | value length(4) | value UTF-8.
 */
final class SecretCodec {

  private SecretCodec() {}

  static byte[] encode(SecretFields fields) {
    Map<String, char[]> values = fields.copy();
    try {
      int size = 2;
      Map<byte[], byte[]> encoded = new LinkedHashMap<>();
      for (Map.Entry<String, char[]> field : values.entrySet()) {
        byte[] name = field.getKey().getBytes(StandardCharsets.UTF_8);
        ByteBuffer value = StandardCharsets.UTF_8.encode(CharBuffer.wrap(field.getValue()));
        byte[] valueBytes = new byte[value.remaining()];
        value.get(valueBytes);
        if (value.hasArray()) {
          Arrays.fill(value.array(), (byte) 0);
        }
        encoded.put(name, valueBytes);
        size += 2 + name.length + 4 + valueBytes.length;
      }
      ByteBuffer out = ByteBuffer.allocate(size).putShort((short) encoded.size());
      encoded.forEach(
          (name, value) -> {
            out.putShort((short) name.length).put(name).putInt(value.length).put(value);
            Arrays.fill(value, (byte) 0);
          });
      return out.array();
    } finally {
      values.values().forEach(value -> Arrays.fill(value, '\0'));
    }
  }

  static SecretFields decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    Map<String, char[]> values = new LinkedHashMap<>();
    try {
      int count = in.getShort();
      for (int i = 0; i < count; i++) {
        byte[] name = new byte[in.getShort()];
        in.get(name);
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new IllegalStateException("secret field length out of bounds");
        }
        ByteBuffer value = in.slice(in.position(), length);
        in.position(in.position() + length);
        CharBuffer chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(value);
        char[] array = new char[chars.remaining()];
        chars.get(array);
        Arrays.fill(chars.array(), '\0');
        values.put(new String(name, StandardCharsets.UTF_8), array);
      }
      return SecretFields.of(values);
    } catch (CharacterCodingException | java.nio.BufferUnderflowException e) {
      throw new IllegalStateException("a decrypted secret is not in the expected encoding", e);
    } finally {
      values.values().forEach(value -> Arrays.fill(value, '\0'));
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
