const { is, ownProperty } = require('../lib/camunda');

// ModelChecks Rule.CLAUSE: every activity names the regulation clause it implements (docs/traceability.md),
// in its documentation or in a camunda:property "clause" (set by the element templates). Start/end events
// and gateways are exempt, and so is an element with camunda:property technical=true.
const CLAUSE_ID = /§\d+(\.\d+)+/;

const ACTIVITIES = [
  'bpmn:Task', 'bpmn:SubProcess', 'bpmn:CallActivity',
  'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent'
];

module.exports = function() {
  function check(node, reporter) {
    // bpmn:Task covers user, service, send, receive, manual, business rule and script tasks;
    // bpmn:SubProcess covers transactions and ad-hoc sub-processes.
    if (!ACTIVITIES.some(type => is(node, type)) || ownProperty(node, 'technical') === 'true') {
      return;
    }
    const text = (node.documentation || []).map(d => d.text || '').join('\n') + (ownProperty(node, 'clause') || '');
    if (!CLAUSE_ID.test(text)) {
      reporter.report(node.id, '活動的說明(documentation)未註明制度條款編號,例如 §3.2.4'
        + '/ activity has no clause id such as §3.2.4');
    }
  }
  return { check };
};
