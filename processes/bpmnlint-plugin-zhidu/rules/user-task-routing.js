const { is, camundaAttr } = require('../lib/camunda');

// ModelChecks Rule.ROUTING (§1.3.3): every user task has a responsible role or person.
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask')
        && !camundaAttr(node, 'candidateGroups')
        && !camundaAttr(node, 'candidateUsers')
        && !camundaAttr(node, 'assignee')) {
      reporter.report(node.id, '使用者任務沒有負責角色(candidateGroups、candidateUsers 或 assignee)'
        + '/ user task is routed to nobody');
    }
  }
  return { check };
};
