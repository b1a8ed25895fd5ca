package com.zhidu.customerfile;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A customer's purchase history (購買記錄, §3.3.1): the signed sales contracts, newest first, and the figures of
 * the last twelve months that classify the customer (§3.3.2, decision customer-class). The amount counts
 * contracts in TWD (minor units); contracts in another currency count as purchases and are listed, not converted.
 */
public record PurchaseHistory(List<Purchase> purchases, int purchasesLast12Months, long amountLast12MonthsMinor) {

  public static final String HOME_CURRENCY = "TWD";

  /** One signed contract. */
  public record Purchase(String contractNo, LocalDate signedOn, String title, String currency, long valueMinor) {}

  public static PurchaseHistory of(List<Purchase> unordered, LocalDate today) {
    List<Purchase> purchases = unordered.stream().sorted(java.util.Comparator.comparing(Purchase::signedOn)
        .reversed()).toList();
    LocalDate since = today.minusMonths(12);
    List<Purchase> recent = purchases.stream().filter(p -> p.signedOn().isAfter(since) && !p.signedOn()
        .isAfter(today)).toList();
    long amount = recent.stream().filter(p -> HOME_CURRENCY.equals(p.currency())).mapToLong(Purchase::valueMinor)
        .sum();
    return new PurchaseHistory(List.copyOf(purchases), recent.size(), amount);
  }

  /** The amount of the last twelve months in whole currency units, as the decision table expects it. */
  public double annualPurchaseAmount() {
    return amountLast12MonthsMinor / 100.0;
  }

  /** The history as the file's form shows it (read-only text), one contract a line. */
  public String summary() {
    if (purchases.isEmpty()) {
      return "尚無已簽訂的合同。";
    }
    String lines = purchases.stream().map(p -> p.signedOn() + " " + p.contractNo() + " " + p.title() + " "
        + p.currency() + " " + amount(p.valueMinor())).collect(Collectors.joining("\n"));
    return "近12個月:" + purchasesLast12Months + " 次,新台幣 " + amount(amountLast12MonthsMinor) + " 元\n" + lines;
  }

  private static String amount(long minor) {
    return String.format("%,d.%02d", minor / 100, Math.abs(minor % 100));
  }
}
