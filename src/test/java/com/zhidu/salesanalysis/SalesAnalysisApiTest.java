package com.zhidu.salesanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import com.zhidu.paymentcollection.PaymentRepository;
import com.zhidu.salescontract.SalesContractRepository;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code GET /zhidu/api/sales-analysis} (§3.2.7): who may read it, its views as JSON and CSV, refused input. */
@ZhiduTest
class SalesAnalysisApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired SalesContractRepository contracts;
  @Autowired PaymentRepository payments;

  SalesAnalysisFixture fx;

  @BeforeEach
  void data() {
    fx = new SalesAnalysisFixture().build(jdbc, contracts, payments);
  }

  @Test
  void managersAndSalesManagementReadItOthersAreRefused() {
    String query = "/zhidu/api/sales-analysis?month=" + fx.march();
    assertThat(rest.getForEntity(query, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String reader : new String[] {"zhangwei", "lina", "wangfang", "zhaolei"}) {
      assertThat(get(reader, query).getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
    }
    // A salesperson, legal, finance, operations analysis, leadership, the auditor: 403.
    for (String other : new String[] {"sunli", "hejun", "tangyan", "huangmin", "linzong", "shenjian"}) {
      ResponseEntity<String> refused = get(other, query);
      assertThat(refused.getStatusCode()).as(other).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).as(other).doesNotContain(fx.a);
    }
  }

  @Test
  void monthlyViewAsJson() throws Exception {
    JsonNode body = JSON.readTree(get("zhaolei", "/zhidu/api/sales-analysis?view=monthly&month=" + fx.march())
        .getBody());
    assertThat(body.get("month").asText()).isEqualTo(fx.march().toString());
    JsonNode team = row(body, "TEAM", fx.team, "TWD");
    assertThat(team.get("targetMinor").asLong()).isEqualTo(1_000_000);
    assertThat(team.get("signedMinor").asLong()).isEqualTo(950_000);
    assertThat(team.get("collectedMinor").asLong()).isEqualTo(210_000);
    assertThat(team.get("signedRatePercent").decimalValue()).isEqualByComparingTo("95.00");
    assertThat(team.get("collectedRatePercent").decimalValue()).isEqualByComparingTo("21.00");
    JsonNode a = row(body, "SALESPERSON", fx.a, "TWD");
    assertThat(a.get("team").asText()).isEqualTo(fx.team);
    assertThat(a.get("collectedRatePercent").decimalValue()).isEqualByComparingTo("35.00");
    JsonNode bUsd = row(body, "SALESPERSON", fx.b, "USD");
    assertThat(bUsd.get("signedMinor").asLong()).isEqualTo(20_000);
    assertThat(bUsd.has("signedRatePercent")).as("no rate without a target").isFalse();
  }

  @Test
  void otherViewsAndCsv() throws Exception {
    String period = "&from=" + fx.day(3, 1) + "&to=" + fx.day(3, 31);
    JsonNode channels = JSON.readTree(get("zhangwei", "/zhidu/api/sales-analysis?view=channel" + period).getBody());
    assertThat(channels.get("rows").get(0).get("key").asText()).isEqualTo("online");
    assertThat(channels.get("rows").get(0).get("signedSharePercent").decimalValue()).isEqualByComparingTo("52.63");

    JsonNode person = JSON.readTree(get("lina", "/zhidu/api/sales-analysis?view=salesperson&salesperson=" + fx.a
        + "&from=" + fx.day(2, 1) + "&to=" + fx.day(3, 31)).getBody());
    assertThat(person.get("targetMinor").asLong()).isEqualTo(800_000);
    assertThat(person.get("signedMinor").asLong()).isEqualTo(550_000);
    assertThat(person.get("signedRatePercent").decimalValue()).isEqualByComparingTo("68.75");

    ResponseEntity<byte[]> csv = rest.withBasicAuth("zhaolei", "zhaolei").getForEntity(
        "/zhidu/api/sales-analysis?view=customer&format=csv" + period, byte[].class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    String text = new String(csv.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF\"客戶編號\",\"名稱\"");
    assertThat(text).contains("\"" + fx.customer2 + "\",\"乙客戶 " + fx.run + "\",\"TWD\",\"1\",\"5000.00\",\"600.00\","
        + "\"52.63\"");

    String monthly = new String(rest.withBasicAuth("zhaolei", "zhaolei").getForEntity(
        "/zhidu/api/sales-analysis?format=csv&month=" + fx.march(), byte[].class).getBody(), StandardCharsets.UTF_8);
    assertThat(monthly).contains("\"團隊\",\"" + fx.team + "\",\"" + fx.team + "\",\"\",\"TWD\",\"10000.00\","
        + "\"9500.00\",\"2100.00\",\"95.00\",\"21.00\"");
  }

  @Test
  void badParametersAreRefusedNamingTheField() throws Exception {
    assertRefused("/zhidu/api/sales-analysis", "month");
    assertRefused("/zhidu/api/sales-analysis?month=2030-13", "month");
    assertRefused("/zhidu/api/sales-analysis?view=weekly", "view");
    assertRefused("/zhidu/api/sales-analysis?month=2030-01&format=xlsx", "format");
    assertRefused("/zhidu/api/sales-analysis?view=channel&from=2030-01-01", "to");
    assertRefused("/zhidu/api/sales-analysis?view=channel&from=2030-02-30&to=2030-03-01", "from");
    assertRefused("/zhidu/api/sales-analysis?view=customer&from=2030-03-02&to=2030-03-01", "to");
    assertRefused("/zhidu/api/sales-analysis?view=customer&from=2030-03-02&to=2040-03-01", "to");
    assertRefused("/zhidu/api/sales-analysis?view=salesperson&from=2030-03-01&to=2030-03-31", "salesperson");
  }

  private void assertRefused(String path, String field) throws Exception {
    ResponseEntity<String> response = get("zhaolei", path);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(response.getBody()).get("errors").get(0).get("field").asText()).as(path)
        .isEqualTo(field);
  }

  private static JsonNode row(JsonNode body, String level, String id, String currency) {
    for (JsonNode row : body.get("rows")) {
      if (row.get("level").asText().equals(level) && row.get("id").asText().equals(id)
          && row.get("currency").asText().equals(currency)) {
        return row;
      }
    }
    throw new AssertionError("no row " + level + " " + id + " " + currency + " in " + body);
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }
}
