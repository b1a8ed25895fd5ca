package com.zhidu.platform.documents;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.springframework.stereotype.Component;

/**
 * Bar, line and pie charts as PNG (JFreeChart, headless AWT) with every text in {@link CjkFont}, so Chinese
 * titles, axis labels, categories and legends render on any machine. Data keep the caller's order: pass a
 * {@link java.util.LinkedHashMap}. Embed the result in a document with {@link HtmlDocument#chart(Chart)}.
 * Registered as bean {@code charts}; stateless and thread-safe.
 */
@Component("charts")
public class Charts {

  static {
    // Rendering to an image needs no display; Spring Boot sets this too, plain unit tests may not.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /**
   * Vertical bars: {@code series} maps each series name (legend) to its values by category (x axis), e.g.
   * {"2025年" → {"北區" → 120, "南區" → 80}}.
   */
  public Chart bar(String title, String categoryAxisLabel, String valueAxisLabel,
      Map<String, ? extends Map<String, ? extends Number>> series, int width, int height) {
    JFreeChart chart = ChartFactory.createBarChart(title, categoryAxisLabel, valueAxisLabel, categories(series),
        PlotOrientation.VERTICAL, series.size() > 1, false, false);
    BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    return png(chart, title, width, height);
  }

  /** Lines over categories (e.g. months), one line per series; same data shape as {@link #bar}. */
  public Chart line(String title, String categoryAxisLabel, String valueAxisLabel,
      Map<String, ? extends Map<String, ? extends Number>> series, int width, int height) {
    JFreeChart chart = ChartFactory.createLineChart(title, categoryAxisLabel, valueAxisLabel, categories(series),
        PlotOrientation.VERTICAL, series.size() > 1, false, false);
    LineAndShapeRenderer renderer = (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
    renderer.setDefaultShapesVisible(true);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    return png(chart, title, width, height);
  }

  /** A pie of shares: slice label → value. Labels show the label and its percentage. */
  public Chart pie(String title, Map<String, ? extends Number> slices, int width, int height) {
    DefaultPieDataset<String> data = new DefaultPieDataset<>();
    slices.forEach(data::setValue);
    JFreeChart chart = ChartFactory.createPieChart(title, data, true, false, false);
    @SuppressWarnings("unchecked")
    PiePlot<String> plot = (PiePlot<String>) chart.getPlot();
    plot.setLabelGenerator(new org.jfree.chart.labels.StandardPieSectionLabelGenerator("{0} {2}"));
    plot.setShadowPaint(null);
    return png(chart, title, width, height);
  }

  private static DefaultCategoryDataset categories(Map<String, ? extends Map<String, ? extends Number>> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    series.forEach((name, values) -> values.forEach((category, value) -> data.addValue(value, name, category)));
    return data;
  }

  private static Chart png(JFreeChart chart, String title, int width, int height) {
    if (width <= 0 || height <= 0 || width > 4000 || height > 4000) {
      throw new IllegalArgumentException("Chart size must be within 1..4000 px, was " + width + "×" + height);
    }
    theme().apply(chart);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (chart.getPlot() instanceof CategoryPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setRangeGridlinePaint(new Color(0xCCCCCC));
    } else if (chart.getPlot() instanceof PiePlot<?> plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setOutlineVisible(false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Chart(title, out.toByteArray(), width, height);
  }

  /** JFreeChart's default theme with every font replaced by the CJK font (the defaults lack CJK glyphs). */
  private static StandardChartTheme theme() {
    StandardChartTheme theme = new StandardChartTheme("zhidu", false);
    theme.setExtraLargeFont(CjkFont.awt(Font.BOLD, 18f));
    theme.setLargeFont(CjkFont.awt(Font.BOLD, 14f));
    theme.setRegularFont(CjkFont.awt(Font.PLAIN, 12f));
    theme.setSmallFont(CjkFont.awt(Font.PLAIN, 10f));
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    return theme;
  }
}
