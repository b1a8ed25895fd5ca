const { camundaAttr, extensionDescendants, reportId } = require('../lib/camunda');

// ModelChecks Rule.JAVA_CLASS: logic goes through reviewed Spring beans (camunda:delegateExpression),
// never camunda:class on tasks, event definitions or listeners.
module.exports = function() {
  function check(node, reporter) {
    const message = '使用了 camunda:class;請改用 camunda:delegateExpression 指向 Spring bean'
      + '/ camunda:class is not allowed; use camunda:delegateExpression';
    if (camundaAttr(node, 'class')) {
      reporter.report(reportId(node), message);
    }
    if (extensionDescendants(node).some(element => typeof element.class === 'string' && element.class.trim())) {
      reporter.report(reportId(node), message);
    }
  }
  return { check };
};
