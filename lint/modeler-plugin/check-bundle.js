// Loads dist/client.js the way Camunda Modeler does (a script in a window that collects window.plugins), takes
// the registered `lintRules.bpmn` plugin and lints the given BPMN files with bpmnlint's Linter and exactly that
// { config, resolver }: proves the bundle registers working rules, not only that it was written.
// Usage: node check-bundle.js FILE.bpmn...   Prints one JSON line: { types, rules, reports: { file: [ "id rule" ] } }.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { BpmnModdle } = require('bpmn-moddle');
const { Linter } = require('bpmnlint');

async function main(files) {
  const window = {};
  vm.runInNewContext(fs.readFileSync(path.join(__dirname, 'dist/client.js'), 'utf8'), { window, console });

  const plugins = window.plugins || [];
  const lintRules = plugins.filter(plugin => plugin.type === 'lintRules.bpmn');
  if (lintRules.length !== 1) {
    throw new Error('expected one lintRules.bpmn plugin, got ' + JSON.stringify(plugins.map(p => p.type)));
  }
  const { config, resolver } = lintRules[0].plugin;
  const linter = new Linter({ config, resolver });

  const reports = {};
  for (const file of files) {
    const { rootElement } = await new BpmnModdle().fromXML(fs.readFileSync(file, 'utf8'));
    const results = await linter.lint(rootElement);
    reports[file] = Object.entries(results)
      .flatMap(([ rule, problems ]) => problems.map(problem => problem.id + ' ' + rule))
      .sort();
  }
  console.log(JSON.stringify({ types: plugins.map(p => p.type), rules: Object.keys(config.rules).sort(), reports }));
}

main(process.argv.slice(2)).catch(error => {
  console.error(error);
  process.exit(1);
});
