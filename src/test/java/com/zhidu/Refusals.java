package com.zhidu;

import com.zhidu.platform.Refusal;
import java.util.List;

/** The Refusal inside what the engine threw (it wraps listener exceptions), for the suites' assertions. */
public final class Refusals {

  public static Refusal refusalIn(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof Refusal refusal) {
        return refusal;
      }
    }
    throw new AssertionError("expected a Refusal, got " + thrown, thrown);
  }

  /** The fields the refusal names, in its order. */
  public static List<String> fieldsOf(Throwable thrown) {
    return refusalIn(thrown).errors().stream().map(Refusal.Error::field).toList();
  }

  private Refusals() {}
}
