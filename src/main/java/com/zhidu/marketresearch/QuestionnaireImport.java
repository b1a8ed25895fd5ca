package com.zhidu.marketresearch;

import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Questionnaire results as CSV (§3.1.2), validated row by row: every bad row is reported with its line number
 * and nothing is imported unless every row is good. Header (first line):
 * {@code respondent,region,segment,satisfaction,purchaseIntent,monthlyBudget} — satisfaction and purchase
 * intent are integers 1–5, the monthly budget an amount in TWD (at most two decimals, not negative).
 * Imported rows become one accepted source of the questionnaire channel.
 */
@Component
public class QuestionnaireImport {

  public static final List<String> HEADER = List.of("respondent", "region", "segment", "satisfaction",
      "purchaseIntent", "monthlyBudget");
  static final int MAX_ROWS = 10_000;

  public record Imported(long planId, long sourceId, int rows) {}

  private final ResearchRepository research;

  public QuestionnaireImport(ResearchRepository research) {
    this.research = research;
  }

  @Transactional
  public Imported importCsv(long planId, String csv, String user) {
    ResearchRepository.Plan plan = research.find(planId).orElseThrow(() ->
        Refusal.of(404, "planId", "找不到調研計劃 " + planId, "no research plan " + planId));
    if (!ResearchRepository.COLLECTING.equals(plan.status())) {
      throw Refusal.of(409, "planId", "調研計劃 " + planId + " 目前不在資訊收集階段,不能匯入問卷",
          "research plan " + planId + " is not collecting information");
    }
    List<ResearchRepository.Response> rows = parse(csv, research.respondents(planId));
    long sourceId = research.addSource(planId, Channel.QUESTIONNAIRE, "問卷 CSV 匯入(" + rows.size() + " 份)",
        "已匯入 " + rows.size() + " 份有效問卷", true, user);
    research.addResponses(planId, sourceId, rows);
    return new Imported(planId, sourceId, rows.size());
  }

  /** Parses and validates all rows; a Refusal lists every bad line (field {@code line N}). */
  public static List<ResearchRepository.Response> parse(String csv, Set<String> existingRespondents) {
    String text = csv == null ? "" : csv.replace("\uFEFF", "");
    String[] lines = text.split("\\R", -1);
    List<Refusal.Error> errors = new ArrayList<>();
    if (lines.length == 0 || lines[0].isBlank()) {
      throw Refusal.of(400, "line 1", "CSV 是空的:第 1 行須為標題列 " + String.join(",", HEADER),
          "empty CSV: line 1 must be the header " + String.join(",", HEADER));
    }
    List<String> header = cells(lines[0]).stream().map(String::trim).toList();
    if (!header.equals(HEADER)) {
      throw Refusal.of(400, "line 1", "第 1 行標題列須為 " + String.join(",", HEADER),
          "line 1: the header must be " + String.join(",", HEADER));
    }
    List<ResearchRepository.Response> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>(existingRespondents);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      List<String> c = cells(lines[i]).stream().map(String::trim).toList();
      List<String> problems = new ArrayList<>();
      if (c.size() != HEADER.size()) {
        problems.add("應有 " + HEADER.size() + " 欄,實有 " + c.size() + " 欄");
      } else {
        if (c.get(0).isEmpty() || c.get(0).length() > 100) {
          problems.add("受訪者編號必填(100字內)");
        } else if (!seen.add(c.get(0))) {
          problems.add("受訪者編號「" + c.get(0) + "」重複");
        }
        if (c.get(1).isEmpty() || c.get(1).length() > 100) {
          problems.add("地區必填(100字內)");
        }
        if (c.get(2).isEmpty() || c.get(2).length() > 100) {
          problems.add("客戶類型必填(100字內)");
        }
        Integer satisfaction = score(c.get(3));
        if (satisfaction == null) {
          problems.add("滿意度須為 1–5 的整數");
        }
        Integer intent = score(c.get(4));
        if (intent == null) {
          problems.add("購買意願須為 1–5 的整數");
        }
        Long budget = ResearchPlanContent.minorUnits(c.get(5));
        if (budget == null || budget < 0) {
          problems.add("月預算須為不小於 0 的金額(最多兩位小數)");
        }
        if (problems.isEmpty()) {
          rows.add(new ResearchRepository.Response(lineNo, c.get(0), c.get(1), c.get(2), satisfaction, intent, budget));
        }
      }
      if (!problems.isEmpty()) {
        errors.add(new Refusal.Error("line " + lineNo, "第 " + lineNo + " 行:" + String.join(";", problems),
            "line " + lineNo + ": " + problems.size() + " problem(s)"));
      }
      if (rows.size() > MAX_ROWS) {
        throw Refusal.of(400, "line " + lineNo, "一次最多匯入 " + MAX_ROWS + " 行", "at most " + MAX_ROWS + " rows");
      }
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    if (rows.isEmpty()) {
      throw Refusal.of(400, "line 2", "CSV 沒有資料列", "the CSV has no data rows");
    }
    return rows;
  }

  private static Integer score(String text) {
    try {
      int v = new BigDecimal(text).intValueExact();
      return v >= 1 && v <= 5 ? v : null;
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** One CSV line into cells (double-quoted cells may hold commas and doubled quotes). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
