package com.zhidu.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Bar, line and pie charts as PNG, headless, with the CJK font for Chinese labels. */
class ChartsTest {

  final Charts charts = new Charts();

  static final String[] LABELS = {"各區銷售額(萬元)", "北區", "南區", "華東", "季度", "金額", "第一季", "市場占有率"};

  @Test
  void theCjkFontDisplaysEveryChineseLabel() {
    for (String label : LABELS) {
      assertThat(CjkFont.awt(Font.PLAIN, 12f).canDisplayUpTo(label)).as(label).isEqualTo(-1);
      assertThat(CjkFont.awt(Font.BOLD, 18f).canDisplayUpTo(label)).as(label).isEqualTo(-1);
    }
    assertThat(CjkFont.awt(Font.PLAIN, 12f).getFamily()).isEqualTo(CjkFont.FAMILY);
  }

  @Test
  void barLineAndPieChartsArePngsOfTheRequestedSize() throws IOException {
    Map<String, Map<String, Number>> series = new LinkedHashMap<>();
    series.put("2025年", new LinkedHashMap<>(Map.of("北區", 120, "南區", 80)));
    series.put("2026年", new LinkedHashMap<>(Map.of("北區", 150, "南區", 95.5)));
    Map<String, Number> shares = new LinkedHashMap<>();
    shares.put("華東", 45);
    shares.put("華南", 30);
    shares.put("其他", 25);

    assertPng(charts.bar("各區銷售額(萬元)", "區域", "金額", series, 640, 360), 640, 360);
    assertPng(charts.line("季度趨勢", "季度", "金額", series, 500, 300), 500, 300);
    assertPng(charts.pie("市場占有率", shares, 400, 400), 400, 400);
  }

  @Test
  void absurdSizesAreRefused() {
    assertThatThrownBy(() -> charts.pie("x", Map.of("a", 1), 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> charts.pie("x", Map.of("a", 1), 10, 5000)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertPng(Chart chart, int width, int height) throws IOException {
    assertThat(chart.png()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    assertThat(chart.width()).isEqualTo(width);
    assertThat(chart.height()).isEqualTo(height);
    // Something is drawn: more than a handful of colours (text anti-aliasing, bars, slices).
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < height; y += 3) {
      for (int x = 0; x < width; x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).isGreaterThan(10);
    assertThat(chart.dataUri()).startsWith("data:image/png;base64,iVBOR");
  }
}
