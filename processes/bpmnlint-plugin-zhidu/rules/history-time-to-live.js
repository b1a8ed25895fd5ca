const { is, camundaAttr } = require('../lib/camunda');

// ModelChecks Rule.HISTORY_TTL: the engine (7.20+) refuses a process without a history time to live.
// Like ModelChecks, every process is checked, not only executable ones, so lint and build agree.
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:Process') && !camundaAttr(node, 'historyTimeToLive')) {
      reporter.report(node.id, '流程缺少 camunda:historyTimeToLive(歷史保存期限)/ process lacks camunda:historyTimeToLive');
    }
  }
  return { check };
};
