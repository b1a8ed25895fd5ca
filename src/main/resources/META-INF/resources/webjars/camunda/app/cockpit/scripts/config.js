// Zhidu's Cockpit configuration (overrides the webjar's scripts/config.js, which has everything commented out).
export default {
  // The navbar link to the auditor page (scripts/zhidu-audit-link.js).
  customScripts: ['scripts/zhidu-audit-link']
};
