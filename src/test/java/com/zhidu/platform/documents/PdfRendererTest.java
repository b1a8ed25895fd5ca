package com.zhidu.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One HTML template → HTML view and PDF with the CJK font embedded; user text never becomes markup. */
class PdfRendererTest {

  final PdfRenderer renderer = new PdfRenderer();
  final Charts charts = new Charts();

  @Test
  void chineseTextTablesAndChartsRenderWithTheEmbeddedCjkFont() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("報告編號", "RPT-12");
    facts.put("撰寫人", "陳靜");
    Map<String, Map<String, Integer>> sales = Map.of("銷售額", new LinkedHashMap<>(Map.of("北區", 120)));
    HtmlDocument doc = HtmlDocument.titled("市場調研報告")
        .heading("一、摘要").paragraph("華東地區需求成長,第二行\n第三行")
        .facts(facts)
        .table(List.of("區域", "銷售額(萬元)"), List.of(List.of("北區", "1,200.50"), List.of("南區", "800.00")))
        .chart(charts.bar("各區銷售額", "區域", "萬元", sales, 800, 400))
        .right("業務管理部\n2026年11月27日");

    byte[] pdf = renderer.render(doc);

    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    String text = PdfDocuments.text(pdf);
    assertThat(text).contains("市場調研報告", "一、摘要", "華東地區需求成長", "報告編號", "RPT-12", "陳靜", "北區",
        "1,200.50", "業務管理部", "2026年11月27日");
    assertThat(PdfDocuments.images(pdf)).as("the chart").isEqualTo(1);
    assertThat(doc.toXhtml()).contains("<img src=\"data:image/png;base64,", "alt=\"各區銷售額\"");
    // Regular and bold faces, both Type 0 (CID) fonts embedded as subsets.
    assertThat(PdfDocuments.fonts(pdf)).isNotEmpty().allSatisfy(font -> {
      assertThat(font).contains("NotoSansTC").endsWith("|true|true");
    });
    assertThat(PdfDocuments.fonts(pdf)).anyMatch(f -> f.contains("NotoSansTC-Bold"))
        .anyMatch(f -> f.contains("NotoSansTC-Regular"));
    // Subset: far smaller than the two 7 MB faces.
    assertThat(pdf.length).isLessThan(400_000);
  }

  @Test
  void userTextIsEscapedInTheHtmlAndShownLiterallyInThePdf() {
    String hostile = "<script>alert('x')</script><img src=\"http://example.invalid/x.png\"/> & 公司";
    HtmlDocument doc = HtmlDocument.titled(hostile).paragraph(hostile)
        .facts(Map.of(hostile, hostile)).table(List.of(hostile), List.of(List.of(hostile)));

    String xhtml = doc.toXhtml();
    assertThat(xhtml).doesNotContain("<script").doesNotContain("<img")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=&quot;http://example.invalid/x.png&quot;/&gt; &amp; 公司");

    String text = PdfDocuments.text(renderer.render(doc));
    assertThat(text).contains("<script>alert('x')</script>", "& 公司");
  }

  @Test
  void theRendererLoadsNothingButDataUris() {
    // An image from a file or host is not loaded (it would be a way to read the server's files).
    String xhtml = "<html><body><p>圖片</p><img src=\"file:///etc/passwd\" width=\"10\" height=\"10\"/></body></html>";
    assertThat(PdfDocuments.text(renderer.render(xhtml))).contains("圖片").doesNotContain("root:");
  }
}
