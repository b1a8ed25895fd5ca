package com.zhidu.customercare;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 排定今日關懷聯繫 (§3.3.3): the daily run of customer-care. For every customer file, the plan of its class
 * (decision customer-care-plan) says which contacts fall due today:
 * <ul>
 *   <li>birthday wish: the contact's birthday is {@code daysAhead} days from today (29 February: 28 February in
 *       other years);</li>
 *   <li>holiday greeting: a holiday of the care calendar is {@code daysAhead} days from today;</li>
 *   <li>periodic (usage guidance, promotion notice): {@code everyMonths} months have passed since the last such
 *       contact, or since the file was created.</li>
 * </ul>
 * Each becomes a row of {@code care_contact} (once per customer, occasion and date) and a task of the run.
 * A customer file created after that day is left out (only when the clock is moved, as in tests).
 */
@Component("planCareContacts")
public class PlanCareContactsDelegate implements JavaDelegate {

  private final CareContactRepository contacts;
  private final CarePlan plan;
  private final CareCalendar calendar;
  private final ZoneId zone;

  public PlanCareContactsDelegate(CareContactRepository contacts, CarePlan plan, CareCalendar calendar,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.contacts = contacts;
    this.plan = plan;
    this.calendar = calendar;
    this.zone = zone;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    String run = execution.getProcessInstanceId();
    Map<String, List<CarePlan.Entry>> plans = new HashMap<>();
    for (CareContactRepository.Target customer : contacts.targets(zone)) {
      if (customer.createdOn().isAfter(today)) {
        continue; // not yet a customer on that day (only when the clock is moved, as in tests)
      }
      String cls = customer.customerClass() == null ? CarePlan.DEFAULT_CLASS : customer.customerClass();
      for (CarePlan.Entry entry : plans.computeIfAbsent(cls, plan::forClass)) {
        due(customer, entry, today).ifPresent(due -> contacts.planOnce(customer.id(), entry.occasion(),
            due.holiday(), entry.channel(), due.on(), cls, run));
      }
    }
    // The contacts become tasks through ${careContactRepository.plannedBy(execution.processInstanceId)}: a list
    // kept as a process variable would be a serialized object every task completion would have to read.
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey("CARE-" + today);
    }
  }

  record Due(LocalDate on, String holiday) {}

  Optional<Due> due(CareContactRepository.Target customer, CarePlan.Entry entry, LocalDate today) {
    int ahead = entry.daysAhead() == null ? 0 : entry.daysAhead();
    LocalDate target = today.plusDays(ahead);
    switch (entry.occasion()) {
      case CarePlan.BIRTHDAY:
        if (customer.birthday() != null && customer.birthday().withYear(target.getYear()).equals(target)) {
          return Optional.of(new Due(target, null));
        }
        return Optional.empty();
      case CarePlan.HOLIDAY:
        return calendar.holidayOn(target).map(h -> new Due(target, h.name()));
      default:
        if (entry.everyMonths() == null || entry.everyMonths() <= 0) {
          return Optional.empty();
        }
        LocalDate since = contacts.lastDueOn(customer.id(), entry.occasion()).orElse(customer.createdOn());
        return since.plusMonths(entry.everyMonths()).isAfter(today) ? Optional.empty()
            : Optional.of(new Due(today, null));
    }
  }
}
