package com.zhidu.platform.documents;

import java.util.Base64;

/** A rendered chart: PNG bytes of {@code width} × {@code height} pixels, with its (Chinese) title as alt text. */
public record Chart(String title, byte[] png, int width, int height) {

  /** {@code data:image/png;base64,…}, for an {@code <img>} in HTML and in the PDF ({@link HtmlDocument#chart}). */
  public String dataUri() {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
