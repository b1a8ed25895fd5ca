// Helpers without dependencies: the plugin is loaded through a file: link (CI) or bundled (Modeler), where
// bpmnlint-utils may not resolve from the plugin's own folder. bpmnlint parses with plain bpmn-moddle, so
// camunda:* attributes sit in $attrs under the document's prefix and camunda:* extension elements are
// generic elements (attributes as own properties, children in $children).

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

function is(node, type) {
  return typeof node.$instanceOf === 'function' && node.$instanceOf(type);
}

function definitions(node) {
  let current = node;
  while (current.$parent) {
    current = current.$parent;
  }
  return current;
}

/** The prefixes bound to the Camunda namespace in the document (usually just "camunda"). */
function camundaPrefixes(node) {
  const attrs = definitions(node).$attrs || {};
  const prefixes = Object.keys(attrs)
    .filter(name => name.startsWith('xmlns:') && attrs[name] === CAMUNDA)
    .map(name => name.substring('xmlns:'.length));
  return prefixes.length ? prefixes : [ 'camunda' ];
}

/** The value of camunda:<name> on the node, or undefined. */
function camundaAttr(node, name) {
  const attrs = node.$attrs || {};
  for (const prefix of camundaPrefixes(node)) {
    const value = attrs[prefix + ':' + name];
    if (value !== undefined) {
      return value;
    }
  }
  return undefined;
}

/** Whether a generic element is camunda:<localName>. */
function isCamunda(element, localName) {
  if (!element || typeof element.$type !== 'string') {
    return false;
  }
  return camundaPrefixes(element).some(prefix => element.$type === prefix + ':' + localName);
}

/** The node's own extension elements and all their descendants. */
function extensionDescendants(node) {
  const found = [];
  const visit = element => {
    found.push(element);
    (element.$children || []).forEach(visit);
  };
  ((node.extensionElements && node.extensionElements.values) || []).forEach(visit);
  return found;
}

/** The value of the node's own <camunda:properties><camunda:property name=…> or undefined. */
function ownProperty(node, name) {
  for (const properties of (node.extensionElements && node.extensionElements.values) || []) {
    if (isCamunda(properties, 'properties')) {
      for (const property of properties.$children || []) {
        if (isCamunda(property, 'property') && property.name === name) {
          return property.value;
        }
      }
    }
  }
  return undefined;
}

/** A node id to report on: the node's own, else its nearest ancestor's. */
function reportId(node) {
  let current = node;
  while (current && !current.id) {
    current = current.$parent;
  }
  return current ? current.id : undefined;
}

module.exports = { is, camundaAttr, isCamunda, extensionDescendants, ownProperty, reportId };
