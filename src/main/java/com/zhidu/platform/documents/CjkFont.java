package com.zhidu.platform.documents;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one CJK font of every Zhidu document and chart: Noto Sans TC (SIL Open Font License 1.1), regular and
 * bold TrueType, on the classpath as {@code fonts/NotoSansTC_400Regular.ttf} and {@code fonts/NotoSansTC_700Bold.ttf}.
 * The build installs it from npm (src/main/fonts, integrity-checked by its package-lock) and copies it there:
 * nothing to install by hand, nothing committed. Each face is read once per JVM (about 7 MB each).
 */
public final class CjkFont {

  /** The CSS font-family name documents use; {@link PdfRenderer} registers both faces under it. */
  public static final String FAMILY = "Noto Sans TC";
  public static final String REGULAR = "fonts/NotoSansTC_400Regular.ttf";
  public static final String BOLD = "fonts/NotoSansTC_700Bold.ttf";

  private static final ConcurrentHashMap<String, byte[]> BYTES = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, Font> AWT = new ConcurrentHashMap<>();

  private CjkFont() {}

  /** The TrueType bytes of a face ({@link #REGULAR} or {@link #BOLD}). */
  public static byte[] bytes(String resource) {
    return BYTES.computeIfAbsent(resource, CjkFont::read);
  }

  /** Opens a face's bytes, e.g. as openhtmltopdf's font supplier. */
  public static Supplier<InputStream> supplier(String resource) {
    return () -> new java.io.ByteArrayInputStream(bytes(resource));
  }

  /** An AWT font of this family for charts and images: {@code Font.PLAIN} or {@code Font.BOLD}, in points. */
  public static Font awt(int style, float size) {
    String resource = (style & Font.BOLD) != 0 ? BOLD : REGULAR;
    return AWT.computeIfAbsent(resource, CjkFont::createAwt).deriveFont(size);
  }

  private static Font createAwt(String resource) {
    try (InputStream in = new java.io.ByteArrayInputStream(bytes(resource))) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (FontFormatException e) {
      throw new IllegalStateException("Not a TrueType font: " + resource, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = CjkFont.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The CJK font " + resource + " is not on the classpath: the Maven build"
            + " installs it (npm ci in src/main/fonts, phase generate-resources); run ./mvnw process-resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
