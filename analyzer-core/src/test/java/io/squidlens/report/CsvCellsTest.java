package io.squidlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class CsvCellsTest {
  @Test
  void text_neutralisesFormulaStarts() {
    assertEquals("'=1+1", CsvCells.text("=1+1"));
    assertEquals("'+1", CsvCells.text("+1"));
    assertEquals("'-1", CsvCells.text("-1"));
    assertEquals("'@SUM(A1)", CsvCells.text("@SUM(A1)"));
    assertEquals("icr.io", CsvCells.text("icr.io"));
    assertNull(CsvCells.text(null));
  }

  @Test
  void text_escapesControlCharactersVisibly() {
    assertEquals("\\x09=x", CsvCells.text("\t=x"));
    assertEquals("a\\x1b[0m", CsvCells.text("a\u001b[0m"));
  }
}
