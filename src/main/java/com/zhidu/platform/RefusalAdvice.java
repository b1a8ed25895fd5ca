package com.zhidu.platform;

import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Zhidu's own controllers answer a {@link Refusal} like the engine APIs do, for reads as well as writes. */
@RestControllerAdvice(basePackages = "com.zhidu")
public class RefusalAdvice {

  @ExceptionHandler(Refusal.class)
  public ResponseEntity<byte[]> refused(Refusal refusal) throws IOException {
    return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON)
        .body(RefusalResponseFilter.body(refusal));
  }
}
