package com.zhidu.salescontract;

import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Every term of a sales contract the regulation requires (§3.2.4), read from the draft/revise form's
 * variables and checked as a whole: the form schema cannot express cross-field rules (instalments summing
 * to the value, a delivery date in the future, line items adding up). All problems are reported at once,
 * each naming its field; amounts become integer minor units (1/100).
 *
 * <p>Line items and instalments are textareas of lines ("描述 | 數量 | 單價", "到期日 | 金額"): dynamic lists
 * need JSON variables (Camunda Spin), which the project does not have yet.
 */
public record ContractTerms(
    String title,
    Long customerId,
    NewCustomer newCustomer,
    String sellerParty,
    String buyerParty,
    String rightsAndObligations,
    List<LineItem> lineItems,
    String currency,
    long contractValueMinor,
    LocalDate deliveryDate,
    List<Instalment> instalments,
    String salesChannel,
    boolean needsProduction,
    boolean needsInstallation) {

  public record NewCustomer(String name, String contact, String phone, String email) {}

  public record LineItem(int lineNo, String description, long quantity, long unitPriceMinor) {
    public long amountMinor() {
      return Math.multiplyExact(quantity, unitPriceMinor);
    }
  }

  public record Instalment(int instalmentNo, LocalDate dueDate, long amountMinor) {}

  // Form keys (forms/sales-contract/draft.form and revise.form).
  static final String TITLE = "title";
  static final String CUSTOMER_ID = "customerId";
  static final String NEW_CUSTOMER_NAME = "newCustomerName";
  static final String NEW_CUSTOMER_CONTACT = "newCustomerContact";
  static final String NEW_CUSTOMER_PHONE = "newCustomerPhone";
  static final String NEW_CUSTOMER_EMAIL = "newCustomerEmail";
  static final String SELLER_PARTY = "sellerParty";
  static final String BUYER_PARTY = "buyerParty";
  static final String RIGHTS_AND_OBLIGATIONS = "rightsAndObligations";
  static final String LINE_ITEMS = "lineItems";
  static final String CURRENCY = "currency";
  static final String CONTRACT_VALUE = "contractValue";
  static final String DELIVERY_DATE = "deliveryDate";
  static final String INSTALMENTS = "instalments";
  static final String SALES_CHANNEL = "salesChannel";
  static final String NEEDS_PRODUCTION = "needsProduction";
  static final String NEEDS_INSTALLATION = "needsInstallation";

  static final Set<String> CURRENCIES = Set.of("TWD", "CNY", "USD");
  /** §3.2.7: the channel a contract came through, for channel analysis. */
  static final Set<String> SALES_CHANNELS = Set.of("direct", "distributor", "online", "tender");

  public long lineItemsTotalMinor() {
    return lineItems.stream().mapToLong(LineItem::amountMinor).sum();
  }

  public LocalDate lastPaymentDate() {
    return instalments.get(instalments.size() - 1).dueDate();
  }

  /**
   * Reads and checks the terms; {@code today} is the company's date, {@code customerExists} looks an id up
   * in the customer file. Throws a 400 {@link Refusal} listing every problem; nothing is written then.
   */
  public static ContractTerms read(VariableScope scope, LocalDate today, LongPredicate customerExists) {
    return read(scope, today, today, customerExists);
  }

  /**
   * As {@link #read(VariableScope, LocalDate, LongPredicate)}, but instalments may fall due from
   * {@code earliestDue} on: an amendment during execution (§3.2.5) keeps the instalments already due.
   */
  public static ContractTerms read(VariableScope scope, LocalDate today, LocalDate earliestDue,
      LongPredicate customerExists) {
    List<Refusal.Error> errors = new ArrayList<>();
    String title = required(scope, TITLE, "合同名稱", 200, errors);

    Long customerId = null;
    NewCustomer newCustomer = null;
    Object rawCustomerId = scope.getVariable(CUSTOMER_ID);
    if (rawCustomerId != null && !rawCustomerId.toString().isBlank()) {
      try {
        customerId = new BigDecimal(rawCustomerId.toString().trim()).longValueExact();
        if (!customerExists.test(customerId)) {
          errors.add(new Refusal.Error(CUSTOMER_ID, "「客戶編號」" + customerId + " 不在客戶檔案中",
              "customerId " + customerId + " is not in the customer file"));
        }
      } catch (NumberFormatException | ArithmeticException e) {
        errors.add(new Refusal.Error(CUSTOMER_ID, "「客戶編號」必須是整數", "customerId must be a whole number"));
      }
    } else {
      String name = text(scope, NEW_CUSTOMER_NAME);
      String contact = text(scope, NEW_CUSTOMER_CONTACT);
      if (name == null) {
        errors.add(new Refusal.Error(NEW_CUSTOMER_NAME, "請填寫「客戶編號」,或為新客戶填寫「新客戶名稱」",
            "give a customerId, or a newCustomerName for a new customer"));
      }
      if (name != null && contact == null) {
        errors.add(new Refusal.Error(NEW_CUSTOMER_CONTACT, "新客戶必須填寫「聯絡人」",
            "a new customer needs newCustomerContact"));
      }
      newCustomer = new NewCustomer(name, contact, text(scope, NEW_CUSTOMER_PHONE), text(scope, NEW_CUSTOMER_EMAIL));
    }

    String sellerParty = required(scope, SELLER_PARTY, "我方(賣方)", 200, errors);
    String buyerParty = required(scope, BUYER_PARTY, "客戶方(買方)", 200, errors);
    String rights = required(scope, RIGHTS_AND_OBLIGATIONS, "權利與義務", 4000, errors);

    String currency = text(scope, CURRENCY);
    if (currency == null || !CURRENCIES.contains(currency)) {
      errors.add(new Refusal.Error(CURRENCY, "請選擇「幣別」(TWD、CNY、USD)", "currency must be TWD, CNY or USD"));
    }
    Long value = money(scope.getVariable(CONTRACT_VALUE), CONTRACT_VALUE, "合同金額", errors);
    if (value != null && value <= 0) {
      errors.add(new Refusal.Error(CONTRACT_VALUE, "「合同金額」必須大於 0", "contractValue must be greater than 0"));
    }

    LocalDate deliveryDate = date(scope.getVariable(DELIVERY_DATE), DELIVERY_DATE, "交貨日期", errors);
    if (deliveryDate != null && !deliveryDate.isAfter(today)) {
      errors.add(new Refusal.Error(DELIVERY_DATE, "「交貨日期」必須是將來的日期(今天是 " + today + ")",
          "deliveryDate must be in the future (today is " + today + ")"));
    }

    List<LineItem> lineItems = lineItems(scope, errors);
    if (value != null && !lineItems.isEmpty() && errors.stream().noneMatch(e -> LINE_ITEMS.equals(e.field()))) {
      long total = lineItems.stream().mapToLong(LineItem::amountMinor).sum();
      if (total != value) {
        errors.add(new Refusal.Error(LINE_ITEMS, "「產品/服務明細」小計合計 " + Money.format(total) + " 與合同金額 "
            + Money.format(value) + " 不符", "lineItems total " + Money.format(total) + ", not the contractValue "
            + Money.format(value)));
      }
    }

    List<Instalment> instalments = instalments(scope, earliestDue, errors);
    if (value != null && !instalments.isEmpty() && errors.stream().noneMatch(e -> INSTALMENTS.equals(e.field()))) {
      long total = instalments.stream().mapToLong(Instalment::amountMinor).sum();
      if (total != value) {
        errors.add(new Refusal.Error(INSTALMENTS, "「付款條件」各期金額合計 " + Money.format(total) + " 與合同金額 "
            + Money.format(value) + " 不符", "instalments sum to " + Money.format(total) + ", not the contractValue "
            + Money.format(value)));
      }
    }

    String channel = text(scope, SALES_CHANNEL);
    if (channel == null || !SALES_CHANNELS.contains(channel)) {
      errors.add(new Refusal.Error(SALES_CHANNEL, "請選擇「銷售渠道」", "salesChannel must be one of " + SALES_CHANNELS));
    }

    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return new ContractTerms(title, customerId, newCustomer, sellerParty, buyerParty, rights, lineItems, currency,
        value, deliveryDate, instalments, channel, Boolean.TRUE.equals(scope.getVariable(NEEDS_PRODUCTION)),
        Boolean.TRUE.equals(scope.getVariable(NEEDS_INSTALLATION)));
  }

  /** "描述 | 數量 | 單價", one line each; quantity a positive whole number, unit price ≥ 0 with at most 2 decimals. */
  private static List<LineItem> lineItems(VariableScope scope, List<Refusal.Error> errors) {
    List<LineItem> items = new ArrayList<>();
    String text = text(scope, LINE_ITEMS);
    if (text == null) {
      errors.add(new Refusal.Error(LINE_ITEMS, "請填寫「產品/服務明細」", "lineItems are required"));
      return items;
    }
    int lineNo = 0;
    for (String line : lines(text)) {
      lineNo++;
      String[] cells = cells(line);
      String where = "「產品/服務明細」第 " + lineNo + " 行";
      if (cells.length != 3 || cells[0].isEmpty()) {
        errors.add(new Refusal.Error(LINE_ITEMS, where + "應為「描述 | 數量 | 單價」",
            "lineItems line " + lineNo + " must be 'description | quantity | unit price'"));
        continue;
      }
      Long quantity = null;
      try {
        quantity = new BigDecimal(cells[1]).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        // reported below
      }
      if (quantity == null || quantity <= 0) {
        errors.add(new Refusal.Error(LINE_ITEMS, where + "的數量必須是正整數",
            "lineItems line " + lineNo + ": quantity must be a positive whole number"));
        continue;
      }
      Long unitPrice = Money.parse(cells[2]);
      if (unitPrice == null || unitPrice < 0) {
        errors.add(new Refusal.Error(LINE_ITEMS, where + "的單價必須是不小於 0 的金額(最多兩位小數)",
            "lineItems line " + lineNo + ": unit price must be an amount of at least 0 with at most 2 decimals"));
        continue;
      }
      if (cells[0].length() > 500) {
        errors.add(new Refusal.Error(LINE_ITEMS, where + "的描述不可超過500字",
            "lineItems line " + lineNo + ": description longer than 500"));
        continue;
      }
      items.add(new LineItem(lineNo, cells[0], quantity, unitPrice));
    }
    if (lineNo == 0) {
      errors.add(new Refusal.Error(LINE_ITEMS, "請填寫「產品/服務明細」", "lineItems are required"));
    }
    return items;
  }

  /** "到期日 | 金額", one line each, due dates ascending and not in the past, amounts greater than 0. */
  private static List<Instalment> instalments(VariableScope scope, LocalDate today, List<Refusal.Error> errors) {
    List<Instalment> instalments = new ArrayList<>();
    String text = text(scope, INSTALMENTS);
    if (text == null) {
      errors.add(new Refusal.Error(INSTALMENTS, "請填寫「付款條件」(分期)", "instalments are required"));
      return instalments;
    }
    int no = 0;
    LocalDate previous = null;
    for (String line : lines(text)) {
      no++;
      String[] cells = cells(line);
      String where = "「付款條件」第 " + no + " 期";
      LocalDate due = null;
      Long amount = null;
      if (cells.length == 2) {
        try {
          due = LocalDate.parse(cells[0]);
        } catch (DateTimeParseException e) {
          // reported below
        }
        amount = Money.parse(cells[1]);
      }
      if (due == null || amount == null) {
        errors.add(new Refusal.Error(INSTALMENTS, where + "應為「到期日(YYYY-MM-DD) | 金額」",
            "instalments line " + no + " must be 'due date (YYYY-MM-DD) | amount'"));
        continue;
      }
      if (amount <= 0) {
        errors.add(new Refusal.Error(INSTALMENTS, where + "的金額必須大於 0",
            "instalments line " + no + ": amount must be greater than 0"));
        continue;
      }
      if (due.isBefore(today)) {
        errors.add(new Refusal.Error(INSTALMENTS, where + "的到期日 " + due + " 已過",
            "instalments line " + no + ": due date " + due + " is in the past"));
        continue;
      }
      if (previous != null && due.isBefore(previous)) {
        errors.add(new Refusal.Error(INSTALMENTS, where + "的到期日早於上一期,請依日期先後填寫",
            "instalments line " + no + ": due dates must ascend"));
        continue;
      }
      previous = due;
      instalments.add(new Instalment(no, due, amount));
    }
    if (no == 0) {
      errors.add(new Refusal.Error(INSTALMENTS, "請填寫「付款條件」(分期)", "instalments are required"));
    }
    return instalments;
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  /** Cells of a line, split at | or the full-width ｜ people type with a Chinese keyboard. */
  private static String[] cells(String line) {
    String[] cells = line.split("[|｜]", -1);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].trim().replace(",", "");
    }
    return cells;
  }

  private static Long money(Object value, String field, String label, List<Refusal.Error> errors) {
    if (value == null || value.toString().isBlank()) {
      errors.add(new Refusal.Error(field, "請填寫「" + label + "」", field + " is required"));
      return null;
    }
    Long minor = Money.parse(value.toString());
    if (minor == null) {
      errors.add(new Refusal.Error(field, "「" + label + "」必須是金額(最多兩位小數)",
          field + " must be an amount with at most 2 decimals"));
    }
    return minor;
  }

  private static LocalDate date(Object value, String field, String label, List<Refusal.Error> errors) {
    if (value == null || value.toString().isBlank()) {
      errors.add(new Refusal.Error(field, "請填寫「" + label + "」", field + " is required"));
      return null;
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant().atZone(java.time.ZoneId.of("Asia/Taipei")).toLocalDate();
    }
    try {
      // form-js date subtype sends 2026-11-27; accept a datetime's date part too.
      String text = value.toString().trim();
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      errors.add(new Refusal.Error(field, "「" + label + "」必須是日期(YYYY-MM-DD)", field + " must be a date (YYYY-MM-DD)"));
      return null;
    }
  }

  private static String required(VariableScope scope, String field, String label, int maxLength,
      List<Refusal.Error> errors) {
    String value = text(scope, field);
    if (value == null) {
      errors.add(new Refusal.Error(field, "請填寫「" + label + "」", field + " is required"));
    } else if (value.length() > maxLength) {
      errors.add(new Refusal.Error(field, "「" + label + "」不可超過" + maxLength + "字",
          field + " is longer than " + maxLength));
    }
    return value;
  }

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
