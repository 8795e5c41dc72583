package dev.microworks.identity.internal.totp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A QR code, rendered as SVG: plain text, no AWT, a few kilobytes for an otpauth URI.
 *
 * <p>Guarantees: error correction level M (15 % of the symbol may be damaged); a quiet zone of four
 * modules on every side, inside the image; text that fits ISO-8859-1 (every otpauth URI, which is
 * ASCII) is encoded in byte mode without an ECI header, so every scanner reads it; other text is
 * encoded as UTF-8 with an ECI header. The SVG is black on white whatever the page's colours, since
 * scanners need the contrast.
 *
 * <p>The code carries its text, which for an otpauth URI contains the secret; {@link #toString()}
 * shows the size only.
 */
public final class QrCode {

  private static final int QUIET_ZONE_MODULES = 4;

  /** Dark modules, quiet zone included; one bit per module. */
  private final BitMatrix modules;

  private QrCode(BitMatrix modules) {
    this.modules = modules;
  }

  /**
   * Encodes text, choosing the smallest QR version that holds it.
   *
   * @throws IllegalArgumentException if {@code text} is empty or too long for any QR code (about
   *     2,300 characters of ASCII at level M)
   */
  public static QrCode encode(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a QR code needs some text");
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
    if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      // width and height 0: one pixel per module, the smallest matrix zxing renders
      return new QrCode(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints));
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "text of " + text.length() + " characters is too long for a QR code", e);
    }
  }

  /**
   * The code as an SVG document: one path of dark modules on a white square, with {@code viewBox}
   * in modules and {@code shape-rendering="crispEdges"} so it scales sharply.
   *
   * @param pixels the width and height attributes, in CSS pixels; 200 suits a phone camera
   * @throws IllegalArgumentException if {@code pixels} is not positive
   */
  public String svg(int pixels) {
    if (pixels < 1) {
      throw new IllegalArgumentException("QR code size must be positive, was " + pixels);
    }
    int size = modules.getWidth();
    StringBuilder svg = new StringBuilder(size * size * 2);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(pixels)
        .append("\" height=\"")
        .append(pixels)
        .append("\" viewBox=\"0 0 ")
        .append(size)
        .append(' ')
        .append(size)
        .append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">")
        .append("<rect width=\"")
        .append(size)
        .append("\" height=\"")
        .append(size)
        .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (int y = 0; y < size; y++) {
      int x = 0;
      while (x < size) {
        if (!modules.get(x, y)) {
          x++;
          continue;
        }
        // one rectangle per horizontal run of dark modules keeps the path short
        int start = x;
        while (x < size && modules.get(x, y)) {
          x++;
        }
        int run = x - start;
        svg.append('M')
            .append(start)
            .append(' ')
            .append(y)
            .append('h')
            .append(run)
            .append("v1h-")
            .append(run)
            .append('z');
      }
    }
    return svg.append("\"/></svg>").toString();
  }

  /** {@link #svg(int)} as a {@code data:image/svg+xml;base64,...} URI, for an {@code <img src>}. */
  public String svgDataUri(int pixels) {
    return "data:image/svg+xml;base64,"
        + Base64.getEncoder().encodeToString(svg(pixels).getBytes(StandardCharsets.UTF_8));
  }

  /** The size only, for example {@code QrCode[37x37 modules]}. */
  @Override
  public String toString() {
    return "QrCode[" + modules.getWidth() + "x" + modules.getHeight() + " modules]";
  }
}
