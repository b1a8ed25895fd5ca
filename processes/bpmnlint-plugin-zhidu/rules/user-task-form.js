const { is, camundaAttr } = require('../lib/camunda');

// ModelChecks Rule.FORM_REF: every user task has its Camunda Form, linked by id (camunda:formRef).
// Whether that form exists in forms/ is checked by the Java build and the deploy guard.
module.exports = function() {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && !camundaAttr(node, 'formRef')) {
      reporter.report(node.id, '使用者任務缺少 camunda:formRef(表單)/ user task lacks camunda:formRef');
    }
  }
  return { check };
};
