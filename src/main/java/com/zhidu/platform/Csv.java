package com.zhidu.platform;

/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads Chinese correctly only then), every cell
 * quoted, and a cell that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with an
 * apostrophe, because names and numbers in the cells are typed by customers and staff.
 */
public final class Csv {

  public static final String BOM = "\uFEFF";

  private Csv() {}

  /** Appends one row of quoted, formula-safe cells, ended by CRLF. */
  public static void row(StringBuilder csv, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      csv.append(i == 0 ? "" : ",").append(cell(cells[i]));
    }
    csv.append("\r\n");
  }

  public static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
