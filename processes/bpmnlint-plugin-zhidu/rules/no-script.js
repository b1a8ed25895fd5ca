const { is, isCamunda, extensionDescendants, reportId } = require('../lib/camunda');

// ModelChecks Rule.SCRIPT: no code inside models (the server has no script engine either).
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:ScriptTask')) {
      reporter.report(node.id, '模型中不允許腳本任務(scriptTask)/ script tasks are not allowed');
    }
    if (extensionDescendants(node).some(element => isCamunda(element, 'script'))) {
      reporter.report(reportId(node), '模型中不允許 camunda:script / camunda:script is not allowed');
    }
  }
  return { check };
};
