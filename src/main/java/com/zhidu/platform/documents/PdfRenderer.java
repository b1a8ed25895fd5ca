package com.zhidu.platform.documents;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * XHTML → PDF (openhtmltopdf on PDFBox 3) with {@link CjkFont} registered for regular and bold and embedded as
 * a subset, so the PDF shows Chinese on any reader. Only {@code data:} URIs are loaded (charts): a document
 * can reach no file or host. Registered as bean {@code pdfRenderer}; thread-safe (a builder per call).
 */
@Component("pdfRenderer")
public class PdfRenderer {

  public byte[] render(HtmlDocument document) {
    return render(document.toXhtml());
  }

  /** Any well-formed XHTML; escape text yourself ({@link Html#escape}) or better use {@link HtmlDocument}. */
  public byte[] render(String xhtml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withProducer("Zhidu");
    // Also the fallback before the built-in PDF fonts (which have no CJK glyphs), for pages naming no font.
    Set<FSFontUseCase> uses = EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.FALLBACK_PRE);
    builder.useFont(() -> CjkFont.supplier(CjkFont.REGULAR).get(), CjkFont.FAMILY, 400, FontStyle.NORMAL, true, uses);
    builder.useFont(() -> CjkFont.supplier(CjkFont.BOLD).get(), CjkFont.FAMILY, 700, FontStyle.NORMAL, true, uses);
    builder.useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:"),
        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.withHtmlContent(xhtml, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("PDF rendering failed", e);
    }
    return out.toByteArray();
  }
}
