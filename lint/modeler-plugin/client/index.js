import { registerClientPlugin } from 'camunda-modeler-plugin-helpers';

// The one configuration the build lints with (bpmnlint:recommended + plugin:zhidu/recommended), compiled by
// bpmnlint-loader into { config, resolver } with every rule bundled: Modeler cannot require files at run time.
import { config, resolver } from '../../../processes/.bpmnlintrc';

// `lintRules.bpmn` is the Camunda 7 BPMN tab; Zhidu has no Camunda 8 diagrams, so the cloud tab gets no rules.
registerClientPlugin({ config, resolver }, 'lintRules.bpmn');
