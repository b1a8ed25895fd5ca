package com.zhidu.paymentcollection;

import com.zhidu.platform.documents.HtmlDocument;
import com.zhidu.salescontract.Money;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of a 催款函 (§3.2.6) in Traditional Chinese, as an {@link HtmlDocument} for the documents mechanism:
 * addressed to the customer, from the seller party of the signed contract (經營管理部, the salesperson as
 * contact), with the contract number, the instalment, its due date, what is overdue and for how many days.
 */
public record DunningLetterDocument(PaymentRepository.DunningLetter letter, String contractTitle, String sender,
    String customerContact, String salesperson, long instalmentAmountMinor, long paidMinor, LocalDate issuedOn) {

  static final String DEPARTMENT = "經營管理部";

  /** 70000000, "TWD" → "新台幣 700,000.00 元". */
  public static String amount(long minor, String currency) {
    String name = switch (currency) {
      case "TWD" -> "新台幣";
      case "CNY" -> "人民幣";
      case "USD" -> "美元";
      default -> currency;
    };
    return name + " " + Money.format(minor) + " 元";
  }

  /** 2026-11-27 → "2026年11月27日". */
  public static String date(LocalDate date) {
    return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }

  public String fileName() {
    return "催款函-" + letter.contractNo() + "-第" + letter.instalmentNo() + "期.pdf";
  }

  public HtmlDocument toHtml() {
    String overdue = amount(letter.overdueAmountMinor(), letter.currency());
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("客戶名稱", letter.customerName());
    facts.put("合同編號", letter.contractNo());
    facts.put("合同名稱", contractTitle);
    facts.put("期別", "第 " + letter.instalmentNo() + " 期");
    facts.put("付款到期日", date(letter.dueDate()));
    facts.put("本期應付金額", amount(instalmentAmountMinor, letter.currency()));
    facts.put("已收金額", amount(paidMinor, letter.currency()));
    facts.put("逾期未付金額", overdue);
    facts.put("逾期天數", letter.daysOverdue() + " 天");
    return HtmlDocument.titled("催款函")
        .right("發函日期:" + date(issuedOn))
        .paragraph("受文者:" + letter.customerName()
            + (customerContact == null || customerContact.isBlank() ? "" : "(" + customerContact + " 先生/女士 收)"))
        .paragraph("主旨:貴公司合同編號 " + letter.contractNo() + " 第 " + letter.instalmentNo() + " 期款項已逾期 "
            + letter.daysOverdue() + " 天,逾期未付金額 " + overdue + ",敬請儘速付款。")
        .paragraph("說明:\n"
            + "一、依雙方簽訂之合同(編號 " + letter.contractNo() + "),第 " + letter.instalmentNo() + " 期款項應於 "
            + date(letter.dueDate()) + " 前付清。\n"
            + "二、截至 " + date(issuedOn) + ",本期款項尚有 " + overdue + " 未付,已逾期 " + letter.daysOverdue() + " 天。\n"
            + "三、敬請於收到本函後七日內付清上述款項;如已付款,請將付款憑證提供本公司核對,並請忽略本函。")
        .facts(facts)
        .paragraph("此致\n" + letter.customerName())
        .right(sender + "\n" + DEPARTMENT + (salesperson == null ? "" : " 聯絡人:" + salesperson) + "\n"
            + date(issuedOn));
  }
}
