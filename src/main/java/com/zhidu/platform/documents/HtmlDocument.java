package com.zhidu.platform.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One template for both renditions of a document: builds an XHTML page that browsers show as is (the HTML
 * view) and {@link PdfRenderer} turns into an A4 PDF with the CJK font. Every piece of text passed in is
 * escaped ({@link Html#escape}), so user input can never become markup; charts are embedded as data URIs,
 * so the document loads nothing from elsewhere. Blocks appear in the order they are added.
 * <pre>
 * HtmlDocument doc = HtmlDocument.titled("市場調研報告")
 *     .heading("一、摘要").paragraph(summary)
 *     .facts(Map.of("報告編號", "RPT-12"))            // label/value table (use a LinkedHashMap for order)
 *     .table(List.of("區域", "銷售額"), rows)
 *     .chart(charts.bar("各區銷售額", "區域", "萬元", data, 640, 360));
 * </pre>
 */
public final class HtmlDocument {

  /** Widest image in the page body (A4 minus margins, CSS px at 96 dpi). */
  static final int MAX_IMAGE_WIDTH_PX = 640;

  private static final String STYLE = """
      @page { size: A4; margin: 20mm 18mm; }
      body { font-family: '%s', 'Noto Sans CJK TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif;
             font-size: 11pt; line-height: 1.6; color: #222; max-width: 174mm; margin: 0 auto; }
      h1 { font-size: 18pt; text-align: center; margin: 0 0 12pt 0; font-weight: 700; }
      h2 { font-size: 13pt; margin: 14pt 0 6pt 0; font-weight: 700; }
      p { margin: 0 0 8pt 0; }
      p.right { text-align: right; }
      table { border-collapse: collapse; width: 100%%; margin: 0 0 10pt 0; }
      th, td { border: 1px solid #999; padding: 3pt 6pt; text-align: left; vertical-align: top; }
      th { background: #eee; font-weight: 700; }
      table.facts th { width: 30%%; }
      figure { margin: 6pt 0 10pt 0; text-align: center; }
      """.formatted(CjkFont.FAMILY);

  private final String title;
  private final List<String> blocks = new ArrayList<>();

  private HtmlDocument(String title) {
    this.title = title == null ? "" : title;
  }

  /** A document whose title is the page title, the PDF's title and its first heading. */
  public static HtmlDocument titled(String title) {
    HtmlDocument doc = new HtmlDocument(title);
    doc.blocks.add("<h1>" + Html.escape(doc.title) + "</h1>");
    return doc;
  }

  public String title() {
    return title;
  }

  public HtmlDocument heading(String text) {
    blocks.add("<h2>" + Html.escape(text) + "</h2>");
    return this;
  }

  /** A paragraph; line breaks in the text are kept. */
  public HtmlDocument paragraph(String text) {
    blocks.add("<p>" + lines(text) + "</p>");
    return this;
  }

  /** A right-aligned paragraph (sender, date, signature). */
  public HtmlDocument right(String text) {
    blocks.add("<p class=\"right\">" + lines(text) + "</p>");
    return this;
  }

  /** A two-column table of labelled values, in the map's order. */
  public HtmlDocument facts(Map<String, String> labelled) {
    StringBuilder html = new StringBuilder("<table class=\"facts\">");
    labelled.forEach((label, value) -> html.append("<tr><th>").append(Html.escape(label)).append("</th><td>")
        .append(lines(value)).append("</td></tr>"));
    blocks.add(html.append("</table>").toString());
    return this;
  }

  /** A table with a header row; every row should have as many cells as the header. */
  public HtmlDocument table(List<String> header, List<? extends List<String>> rows) {
    StringBuilder html = new StringBuilder("<table><thead><tr>");
    header.forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
    html.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(lines(cell)).append("</td>"));
      html.append("</tr>");
    }
    blocks.add(html.append("</tbody></table>").toString());
    return this;
  }

  /** A chart (its title drawn in the image and as alt text), scaled down to the page width if wider. */
  public HtmlDocument chart(Chart chart) {
    int width = Math.min(chart.width(), MAX_IMAGE_WIDTH_PX);
    int height = (int) Math.round((double) chart.height() * width / chart.width());
    blocks.add("<figure><img src=\"" + chart.dataUri() + "\" alt=\"" + Html.escape(chart.title()) + "\" width=\""
        + width + "\" height=\"" + height + "\" style=\"width: " + width + "px; height: " + height + "px;\" />"
        + "</figure>");
    return this;
  }

  /** The whole page: well-formed XHTML (UTF-8), for the browser and for {@link PdfRenderer}. */
  public String toXhtml() {
    StringBuilder html = new StringBuilder(1024);
    html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-Hant\"><head>")
        .append("<meta charset=\"UTF-8\" /><title>").append(Html.escape(title)).append("</title><style>")
        .append(STYLE).append("</style></head><body>\n");
    blocks.forEach(b -> html.append(b).append('\n'));
    return html.append("</body></html>\n").toString();
  }

  private static String lines(String text) {
    return Html.escape(text).replace("\r\n", "\n").replace("\n", "<br />");
  }
}
