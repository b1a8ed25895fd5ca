package com.zhidu.salescontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/**
 * The contract rules of §3.2.4 on their own (the bad input: instalments not summing to the value, a delivery
 * date in the past, a negative price, a missing term), each refused naming its field, several at once, and the
 * amendment variant (§3.2.5) that lets instalments already due keep their dates.
 */
class ContractTermsTest {

  static final LocalDate TODAY = LocalDate.of(2030, 6, 1);

  @Test
  void aCompleteContractIsRead() {
    ContractTerms terms = ContractTerms.read(scope(valid()), TODAY, id -> id == 7);
    assertThat(terms.contractValueMinor()).isEqualTo(20_000_000L);
    assertThat(terms.instalments()).extracting(ContractTerms.Instalment::amountMinor)
        .containsExactly(6_000_000L, 14_000_000L);
    assertThat(terms.lineItemsTotalMinor()).isEqualTo(20_000_000L);
    assertThat(terms.lastPaymentDate()).isEqualTo(TODAY.plusDays(90));
  }

  @Test
  void eachBadTermIsRefusedNamingItsField() {
    assertThat(refused(with("instalments", TODAY.plusDays(10) + " | 60000\n" + TODAY.plusDays(90) + " | 130000")))
        .containsExactly("instalments");
    assertThat(refused(with("deliveryDate", TODAY.minusDays(1).toString()))).containsExactly("deliveryDate");
    assertThat(refused(with("deliveryDate", TODAY.toString()))).as("today is not the future")
        .containsExactly("deliveryDate");
    assertThat(refused(with("lineItems", "工業控制器 X200 | 6 | -25000\n安裝調試服務 | 1 | 50000")))
        .contains("lineItems");
    assertThat(refused(with("contractValue", -200000.0))).contains("contractValue");
    assertThat(refused(with("contractValue", 0))).contains("contractValue");
    assertThat(refused(with("rightsAndObligations", null))).containsExactly("rightsAndObligations");
    assertThat(refused(with("currency", "EUR"))).containsExactly("currency");
    assertThat(refused(with("salesChannel", null))).containsExactly("salesChannel");
    assertThat(refused(with("deliveryDate", null))).containsExactly("deliveryDate");
    assertThat(refused(with("instalments", TODAY.plusDays(10) + " | 0\n" + TODAY.plusDays(90) + " | 200000")))
        .contains("instalments");
    assertThat(refused(with("instalments", TODAY.plusDays(90) + " | 140000\n" + TODAY.plusDays(10) + " | 60000")))
        .as("due dates must ascend").containsExactly("instalments");
    assertThat(refused(with("instalments", TODAY.minusDays(1) + " | 60000\n" + TODAY.plusDays(90) + " | 140000")))
        .as("a draft's instalment cannot be due already").containsExactly("instalments");
    assertThat(refused(with("customerId", 8))).as("not in the customer file").containsExactly("customerId");
  }

  @Test
  void severalProblemsAreReportedTogetherWithChineseMessages() {
    Map<String, Object> bad = valid();
    bad.remove("title");
    bad.put("deliveryDate", TODAY.minusDays(3).toString());
    bad.put("instalments", TODAY.plusDays(10) + " | 1");
    Refusal refusal = catchThrowableOfType(Refusal.class, () -> ContractTerms.read(scope(bad), TODAY, id -> true));
    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.errors()).extracting(Refusal.Error::field)
        .containsExactly("title", "deliveryDate", "instalments");
    assertThat(refusal.errors().get(1).messageZh()).contains("交貨日期");
  }

  @Test
  void anAmendmentMayKeepInstalmentsAlreadyDue() {
    Map<String, Object> amended = with("instalments", TODAY.minusDays(20) + " | 60000\n" + TODAY.plusDays(90)
        + " | 140000");
    assertThat(refused(amended)).containsExactly("instalments");
    ContractTerms terms = ContractTerms.read(scope(amended), TODAY, TODAY.minusDays(20), id -> true);
    assertThat(terms.instalments().get(0).dueDate()).isEqualTo(TODAY.minusDays(20));
    // Earlier than the signed contract's first due date is still refused, and so is a past delivery date.
    Map<String, Object> tooEarly = with("instalments", TODAY.minusDays(21) + " | 60000\n" + TODAY.plusDays(90)
        + " | 140000");
    assertThat(fields(() -> ContractTerms.read(scope(tooEarly), TODAY, TODAY.minusDays(20), id -> true)))
        .containsExactly("instalments");
  }

  private static List<String> refused(Map<String, Object> values) {
    return fields(() -> ContractTerms.read(scope(values), TODAY, id -> id == 7));
  }

  private static List<String> fields(Runnable read) {
    Refusal refusal = catchThrowableOfType(Refusal.class, read::run);
    assertThat(refusal).as("refused").isNotNull();
    return refusal.errors().stream().map(Refusal.Error::field).toList();
  }

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> values = valid();
    values.put(key, value);
    return values;
  }

  static Map<String, Object> valid() {
    Map<String, Object> form = new HashMap<>();
    form.put("title", "工業控制器採購合同");
    form.put("customerId", 7);
    form.put("sellerParty", "智度科技股份有限公司");
    form.put("buyerParty", "宏達精密股份有限公司");
    form.put("rightsAndObligations", "買方按期付款,賣方按期交貨並負責安裝調試。");
    form.put("lineItems", "工業控制器 X200 | 6 | 25000\n安裝調試服務 | 1 | 50000");
    form.put("currency", "TWD");
    form.put("contractValue", 200000.0);
    form.put("deliveryDate", TODAY.plusDays(60).toString());
    form.put("instalments", TODAY.plusDays(10) + " | 60000\n" + TODAY.plusDays(90) + " | 140000");
    form.put("salesChannel", "direct");
    return form;
  }

  private static VariableScope scope(Map<String, Object> values) {
    VariableScope scope = mock(VariableScope.class);
    when(scope.getVariable(anyString())).thenAnswer(call -> values.get(call.<String>getArgument(0)));
    return scope;
  }
}
