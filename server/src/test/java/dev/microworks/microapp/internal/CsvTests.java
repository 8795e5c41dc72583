package dev.microworks.microapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTests {

  @Test
  void linesEndInCrLfAndFieldsWithSeparatorsQuotesOrBreaksAreQuoted() {
    String csv =
        new Csv()
            .line(List.of("key", "title"))
            .line(List.of("T-1", "Printer, 2nd floor"))
            .line(List.of("T-2", "Says \"hi\""))
            .line(List.of("T-3", "two\nlines"))
            .line(List.of("T-4", ""))
            .toString();

    assertThat(csv)
        .isEqualTo(
            "key,title\r\nT-1,\"Printer, 2nd floor\"\r\nT-2,\"Says \"\"hi\"\"\"\r\n"
                + "T-3,\"two\nlines\"\r\nT-4,\r\n");
  }

  @Test
  void cellsAFormulaCouldStartWithGetALeadingQuote() {
    assertThat(Csv.cell("=HYPERLINK(\"http://evil\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    assertThat(Csv.cell("+1")).isEqualTo("'+1");
    assertThat(Csv.cell("-2")).isEqualTo("'-2");
    assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
    assertThat(Csv.cell("a=b")).isEqualTo("a=b");
  }
}
