package dev.microworks.identity.internal.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Renders codes to SVG, rasterises the SVG's path with the test's own small parser and reads the
 * image back with zxing's reader, so the test covers the SVG itself, not only zxing's encoder.
 */
class QrCodeTests {

  static final String URI =
      OtpAuthUri.build(
          "Microworks",
          "ada@example.com",
          TotpSecret.fromBase32("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"),
          Totp.sha1Six());

  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
  private static final Pattern PATH = Pattern.compile("<path fill=\"#000\" d=\"([^\"]*)\"/>");

  @Test
  void theSvgReadsBackAsTheOtpauthUri() throws Exception {
    String svg = QrCode.encode(URI).svg(200);

    assertThat(svg)
        .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"200\"")
        .endsWith("</svg>");
    assertThat(decode(svg)).isEqualTo(URI);
  }

  @Test
  void theDataUriIsTheSvgInBase64() throws Exception {
    QrCode code = QrCode.encode(URI);

    String dataUri = code.svgDataUri(160);

    assertThat(dataUri).startsWith("data:image/svg+xml;base64,");
    String svg =
        new String(
            Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)),
            StandardCharsets.UTF_8);
    assertThat(svg).isEqualTo(code.svg(160));
    assertThat(decode(svg)).isEqualTo(URI);
  }

  @Test
  void textBeyondLatin1ReadsBackAsUtf8() throws Exception {
    String text = "Zürich ✓ 東京";

    assertThat(decode(QrCode.encode(text).svg(200))).isEqualTo(text);
  }

  @Test
  void theImageHasAQuietZoneOfFourModules() {
    String svg = QrCode.encode(URI).svg(200);
    boolean[][] dark = rasterise(svg, 1);
    int size = dark.length;

    for (int i = 0; i < size; i++) {
      for (int margin = 0; margin < 4; margin++) {
        assertThat(dark[margin][i] || dark[size - 1 - margin][i]).isFalse();
        assertThat(dark[i][margin] || dark[i][size - 1 - margin]).isFalse();
      }
    }
    assertThat(dark[4][4]).as("finder pattern corner").isTrue();
  }

  @Test
  void emptyOrOverlongTextIsRefused() {
    assertThatThrownBy(() -> QrCode.encode(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a QR code needs some text");
    assertThatThrownBy(() -> QrCode.encode("x".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text of 5000 characters is too long for a QR code");
    assertThatThrownBy(() -> QrCode.encode(URI).svg(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringShowsTheSizeNotTheText() {
    QrCode code = QrCode.encode(URI);

    assertThat(code.toString()).matches("QrCode\\[\\d+x\\d+ modules]").doesNotContain("secret");
  }

  private static String decode(String svg) throws Exception {
    int scale = 4;
    boolean[][] dark = rasterise(svg, scale);
    int size = dark.length;
    int[] pixels = new int[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        pixels[y * size + x] = dark[y][x] ? 0xff000000 : 0xffffffff;
      }
    }
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
    // PURE_BARCODE: the reader's mode for computer-generated images. Its camera-image finder
    // pattern detector misjudges some perfectly aligned synthetic images (zxing's own matrix too)
    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
  }

  /** The SVG's dark modules as pixels, {@code [y][x]}, each module {@code scale} pixels wide. */
  private static boolean[][] rasterise(String svg, int scale) {
    Matcher viewBox = VIEW_BOX.matcher(svg);
    assertThat(viewBox.find()).as("viewBox in %s", svg).isTrue();
    int modules = Integer.parseInt(viewBox.group(1));
    assertThat(viewBox.group(2)).isEqualTo(viewBox.group(1));
    Matcher path = PATH.matcher(svg);
    assertThat(path.find()).as("dark path").isTrue();

    boolean[][] dark = new boolean[modules * scale][modules * scale];
    Matcher run = RUN.matcher(path.group(1));
    int parsed = 0;
    while (run.find()) {
      assertThat(run.start()).as("path commands are contiguous").isEqualTo(parsed);
      parsed = run.end();
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      assertThat(run.group(4)).isEqualTo(run.group(3));
      for (int row = y * scale; row < (y + 1) * scale; row++) {
        Arrays.fill(dark[row], x * scale, (x + length) * scale, true);
      }
    }
    assertThat(parsed).as("whole path parsed").isEqualTo(path.group(1).length());
    return dark;
  }
}
