package com.zhidu.operationsanalysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operating figures collected each month (§3.4.1), per data owner's department, with unit and allowed
 * range. Values are kept in hundredths ({@code value_centi}); counts must be whole numbers. {@code auto}
 * figures are filled in by Zhidu from its own tables, not entered.
 */
public enum Indicator {
  REVENUE("revenue", "sales", "銷售收入", Unit.TWD, 0, 1e12, false),
  SALES_TARGET("salesTarget", "sales", "銷售目標", Unit.TWD, 0, 1e12, false),
  NEW_CUSTOMERS("newCustomers", "sales", "新客戶數", Unit.COUNT, 0, 1e6, false),
  COMPLAINTS("complaints", "sales", "客戶投訴件數", Unit.COUNT, 0, 1e6, true),
  OPERATING_COST("operatingCost", "finance", "營業成本", Unit.TWD, 0, 1e12, false),
  RECEIVABLES_OVERDUE("receivablesOverdue", "finance", "逾期應收帳款", Unit.TWD, 0, 1e12, false),
  CASH_BALANCE("cashBalance", "finance", "現金餘額", Unit.TWD, -1e12, 1e12, false),
  OUTPUT("output", "production", "產量", Unit.COUNT, 0, 1e9, false),
  DEFECT_RATE("defectRate", "production", "不良率", Unit.PERCENT, 0, 100, false),
  CAPACITY_UTILIZATION("capacityUtilization", "production", "產能利用率", Unit.PERCENT, 0, 100, false),
  STOCK_VALUE("stockValue", "inventory", "庫存金額", Unit.TWD, 0, 1e12, false),
  TURNOVER_DAYS("turnoverDays", "inventory", "庫存周轉天數", Unit.DAYS, 0, 366, false);

  public enum Unit {
    TWD("新台幣元"), COUNT("件/個"), PERCENT("%"), DAYS("天");

    public final String label;

    Unit(String label) {
      this.label = label;
    }
  }

  public static final List<String> DEPARTMENTS = List.of("sales", "finance", "production", "inventory");

  public final String code;
  public final String department;
  public final String label;
  public final Unit unit;
  public final double min;
  public final double max;
  public final boolean auto;

  Indicator(String code, String department, String label, Unit unit, double min, double max, boolean auto) {
    this.code = code;
    this.department = department;
    this.label = label;
    this.unit = unit;
    this.min = min;
    this.max = max;
    this.auto = auto;
  }

  public static Optional<Indicator> of(String code) {
    return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
  }

  public static List<Indicator> enteredBy(String department) {
    return Arrays.stream(values()).filter(i -> i.department.equals(department) && !i.auto).toList();
  }

  public static String departmentLabel(String department) {
    return switch (department) {
      case "sales" -> "銷售";
      case "finance" -> "財務";
      case "production" -> "生產";
      case "inventory" -> "庫存";
      default -> department;
    };
  }
}
