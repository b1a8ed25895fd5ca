// Cockpit plugin: a navbar link to Zhidu's auditor page, so the history view (Community Cockpit has none)
// is reached from the Cockpit header. Registered in config.js: customScripts: ['scripts/zhidu-audit-link'].
export default {
  id: 'zhidu.auditLink',
  pluginPoint: 'cockpit.navigation',
  // priority >= 0 puts the link in the navbar itself, not in the "more" dropdown.
  priority: 0,
  label: '審計檢視',
  pagePath: '/zhidu/audit/',
  // The page is outside Cockpit, so the link is never the active Cockpit view.
  checkActive: () => false,
  render: (node) => {
    const link = document.createElement('a');
    link.href = '/zhidu/audit/';
    link.className = 'zhidu-audit-link';
    link.textContent = '審計檢視';
    link.title = '稽核查詢：已結束與進行中的案件、流程路徑、稽核軌跡與合規檢查';
    node.appendChild(link);
  }
};
