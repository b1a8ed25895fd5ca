package com.zhidu.salescontract;

import java.math.BigDecimal;

/** Amounts in integer minor units (1/100 of TWD, CNY, USD), so sums and comparisons are exact. */
public final class Money {

  private Money() {}

  /** "1234.5" → 123450; null when not an amount with at most two decimals. */
  public static Long parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(text.trim().replace(",", ""));
      if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
        return null;
      }
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** 123450 → "1,234.50". */
  public static String format(long minor) {
    return String.format("%,.2f", BigDecimal.valueOf(minor).movePointLeft(2));
  }

  /** Major units as a double, for decision tables (thresholds, not bookkeeping). */
  public static double major(long minor) {
    return minor / 100.0;
  }
}
