package com.zhidu.marketresearch;

import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 收集資訊 (§3.1.2). On create: shows the plan's required channels. On complete: records the sources
 * entered in the form (one per line: {@code 渠道 | 來源 | 發現 [| 不採納]}) by the authenticated researcher,
 * then refuses the completion while a required channel has no accepted source (questionnaire CSV imports
 * count as accepted questionnaire sources). A refusal writes nothing: the task stays open.
 */
@Component("informationCollection")
public class InformationCollection implements TaskListener {

  static final String NEW_SOURCES = "newSources";

  private final ResearchRepository research;

  public InformationCollection(ResearchRepository research) {
    this.research = research;
  }

  public record Line(Channel channel, String source, String findings, boolean accepted) {}

  @Override
  public void notify(DelegateTask task) {
    long planId = ((Number) task.getVariable("planId")).longValue();
    ResearchPlanContent plan = research.latestPlan(planId);
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariable("requiredChannels", plan.channelLabels());
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String recorder = user == null || user.getUserId() == null ? research.authorOf(planId) : user.getUserId();
    Object text = task.getVariable(NEW_SOURCES);
    for (Line line : parse(text == null ? "" : text.toString())) {
      research.addSource(planId, line.channel(), line.source(), line.findings(), line.accepted(), recorder);
    }
    Set<Channel> missing = EnumSet.noneOf(Channel.class);
    missing.addAll(plan.channels());
    missing.removeAll(research.acceptedChannels(planId));
    if (!missing.isEmpty()) {
      List<String> labels = missing.stream().map(c -> c.label).toList();
      throw Refusal.of(400, NEW_SOURCES, "以下必須的渠道尚無已採納的資訊來源,不能完成收集:" + String.join("、", labels),
          "required channels without an accepted source: " + String.join(", ", missing.stream().map(c -> c.code).toList()));
    }
  }

  /** Parses the form's lines; refuses the whole text naming the first bad line. */
  public static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    List<Refusal.Error> errors = new ArrayList<>();
    String[] rows = text.split("\\R");
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].trim();
      if (row.isEmpty()) {
        continue;
      }
      String[] cells = row.split("\\|", -1);
      if (cells.length < 3 || cells.length > 4) {
        errors.add(new Refusal.Error(NEW_SOURCES, "第 " + (i + 1) + " 行格式應為「渠道 | 來源 | 發現」",
            "line " + (i + 1) + ": expected 'channel | source | findings'"));
        continue;
      }
      var channel = Channel.parse(cells[0]);
      String source = cells[1].trim();
      String findings = cells[2].trim();
      String flag = cells.length == 4 ? cells[3].trim() : "";
      if (channel.isEmpty()) {
        errors.add(new Refusal.Error(NEW_SOURCES, "第 " + (i + 1) + " 行的渠道「" + cells[0].trim()
            + "」不存在(網絡搜索、行業報告、實地考察、問卷調查、訪談)", "line " + (i + 1) + ": unknown channel"));
      } else if (source.isEmpty() || findings.isEmpty() || source.length() > 500 || findings.length() > 4000) {
        errors.add(new Refusal.Error(NEW_SOURCES, "第 " + (i + 1) + " 行須填寫來源(500字內)與發現(4000字內)",
            "line " + (i + 1) + ": source and findings are required"));
      } else if (!flag.isEmpty() && !flag.equals("不採納") && !flag.equals("採納")) {
        errors.add(new Refusal.Error(NEW_SOURCES, "第 " + (i + 1) + " 行第四欄只可為「採納」或「不採納」",
            "line " + (i + 1) + ": the fourth cell is 採納 or 不採納"));
      } else {
        lines.add(new Line(channel.get(), source, findings, !flag.equals("不採納")));
      }
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return lines;
  }
}
