// The rules of com.zhidu.platform.ModelChecks that bpmnlint can see in one diagram. Checks that need the
// other files (does the form exist in forms/, is the bean allowed) stay in the Java build and deploy guard.
module.exports = {
  configs: {
    recommended: {
      rules: {
        'history-time-to-live': 'error',
        'user-task-form': 'error',
        'user-task-routing': 'error',
        'no-java-class': 'error',
        'no-script': 'error',
        'clause-reference': 'error'
      }
    }
  },
  rules: {
    'history-time-to-live': './rules/history-time-to-live',
    'user-task-form': './rules/user-task-form',
    'user-task-routing': './rules/user-task-routing',
    'no-java-class': './rules/no-java-class',
    'no-script': './rules/no-script',
    'clause-reference': './rules/clause-reference'
  }
};
