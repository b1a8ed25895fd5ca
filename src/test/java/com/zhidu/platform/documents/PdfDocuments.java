package com.zhidu.platform.documents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reading generated PDFs in tests: their text and their fonts. */
public final class PdfDocuments {

  private PdfDocuments() {}

  public static String text(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    } catch (IOException e) {
      throw new AssertionError("not a readable PDF", e);
    }
  }

  public static int pages(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return document.getNumberOfPages();
    } catch (IOException e) {
      throw new AssertionError("not a readable PDF", e);
    }
  }

  /** How many images the pages draw (e.g. charts). */
  public static int images(byte[] pdf) {
    int images = 0;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          if (page.getResources().isImageXObject(name)) {
            images++;
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("not a readable PDF", e);
    }
    return images;
  }

  /** The fonts used on the pages: "name|type0|embedded" strings, e.g. "ABCDEF+NotoSansTC-Regular|true|true". */
  public static List<String> fonts(byte[] pdf) {
    List<String> fonts = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        PDResources resources = page.getResources();
        for (COSName name : resources.getFontNames()) {
          PDFont font = resources.getFont(name);
          fonts.add(font.getName() + "|" + (font instanceof PDType0Font) + "|" + font.isEmbedded());
        }
      }
    } catch (IOException e) {
      throw new AssertionError("not a readable PDF", e);
    }
    return fonts;
  }
}
