// Tasklist plugin: a task-detail tab 審批 with the approval operations of Zhidu's API (/zhidu/api/tasks/…,
// /zhidu/api/cases/…) and the task's context (the regulation clause of the step, the case's comments and history).
// Registered in config.js: customScripts: ['scripts/zhidu-task-operations']. Writes carry the webapp session's
// CSRF token (cookie XSRF-TOKEN → header X-XSRF-TOKEN), which ZhiduApiAuthentication checks.
const API = '/zhidu/api';

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function call(method, path, body) {
  const response = await fetch(API + path, {
    method,
    credentials: 'same-origin',
    headers: Object.assign({ Accept: 'application/json' },
      method === 'GET' ? {} : { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken() }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const errors = json && json.errors ? json.errors.map((e) => e.messageZh).join('；') : response.statusText;
    throw new Error(errors || ('HTTP ' + response.status));
  }
  return json;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (key === 'onclick') node.addEventListener('click', value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

function time(value) {
  return value ? new Date(value).toLocaleString('zh-TW', { hour12: false }) : '';
}

function options(id, items, label) {
  return el('select', { id, class: 'form-control input-sm zhidu-ops-select', 'aria-label': label },
    items.map((i) => el('option', { value: i.id }, i.name + '（' + i.id + '）')));
}

const OPERATION_LABELS = {
  return: '退回', transfer: '轉辦', delegate: '委派', resolve: '交回委派', 'add-signer': '加簽',
  withdraw: '撤回', urge: '催辦', cc: '抄送', sign: '簽核'
};

function render(node, taskId) {
  node.innerHTML = '';
  const root = el('div', { class: 'zhidu-ops', id: 'zhidu-ops' }, '載入中…');
  node.append(root);
  call('GET', '/tasks/' + encodeURIComponent(taskId) + '/context').then((context) => {
    root.innerHTML = '';
    const message = el('div', { id: 'zhidu-ops-message', class: 'zhidu-ops-message', role: 'status' });
    const reason = el('textarea', { id: 'zhidu-ops-reason', class: 'form-control', rows: 2, maxlength: 2000,
      placeholder: '原因（必填，將記錄於稽核軌跡）' });
    const run = (label, method, path, body) => async () => {
      message.className = 'zhidu-ops-message';
      message.textContent = label + '處理中…';
      try {
        await call(method, path, Object.assign({ reason: reason.value }, body ? body() : {}));
        message.className = 'zhidu-ops-message alert alert-success';
        message.textContent = label + '完成。';
        setTimeout(() => window.location.reload(), 1200);
      } catch (e) {
        message.className = 'zhidu-ops-message alert alert-danger';
        message.textContent = label + '未完成：' + e.message;
      }
    };
    const task = '/tasks/' + encodeURIComponent(context.taskId);
    const kase = '/cases/' + encodeURIComponent(context.caseId);
    const button = (op, onclick) => el('button', { type: 'button', id: 'zhidu-ops-' + op,
      class: 'btn btn-default btn-sm zhidu-ops-button', onclick }, OPERATION_LABELS[op]);
    const can = (op) => context.operations.includes(op);

    root.append(el('div', { class: 'zhidu-ops-clause', id: 'zhidu-ops-clause' },
      el('strong', {}, '制度條款：'), context.clause || '—'));
    root.append(el('p', { class: 'zhidu-ops-case' }, '案件：', context.businessKey || context.caseId,
      '　流程：', context.processName, '　發起人：', context.starter ? context.starter.name : '—',
      context.copiedTo.length ? '　抄送：' + context.copiedTo.map((p) => p.name).join('、') : ''));

    if (context.operations.length) {
      const actions = el('div', { class: 'zhidu-ops-actions' });
      actions.append(el('label', { for: 'zhidu-ops-reason' }, '原因'), reason);
      if (can('return') && context.returnableSteps.length) {
        actions.append(el('div', { class: 'zhidu-ops-row' }, '退回至 ',
          options('zhidu-ops-step', context.returnableSteps, '退回至步驟'),
          button('return', run('退回', 'POST', task + '/return',
            () => ({ step: document.getElementById('zhidu-ops-step').value })))));
      }
      if ((can('transfer') || can('delegate')) && context.transferCandidates.length) {
        actions.append(el('div', { class: 'zhidu-ops-row' }, '轉給 ',
          options('zhidu-ops-person', context.transferCandidates, '轉辦或委派對象'),
          button('transfer', run('轉辦', 'POST', task + '/transfer',
            () => ({ userId: document.getElementById('zhidu-ops-person').value }))),
          button('delegate', run('委派', 'POST', task + '/delegate',
            () => ({ userId: document.getElementById('zhidu-ops-person').value })))));
      }
      if (can('resolve')) {
        actions.append(el('div', { class: 'zhidu-ops-row' }, button('resolve', run('交回委派', 'POST', task + '/resolve'))));
      }
      if (can('add-signer')) {
        actions.append(el('div', { class: 'zhidu-ops-row' }, '加簽人（使用者代號） ',
          el('input', { id: 'zhidu-ops-signer', class: 'form-control input-sm zhidu-ops-input' }),
          button('add-signer', run('加簽', 'POST', task + '/signers',
            () => ({ userId: document.getElementById('zhidu-ops-signer').value.trim() })))));
        context.signers.forEach((s) => actions.append(el('div', { class: 'zhidu-ops-row' }, '待簽核：' + s.userName + ' ',
          el('button', { type: 'button', class: 'btn btn-default btn-sm', id: 'zhidu-ops-remove-' + s.userId,
            onclick: run('減簽', 'POST', task + '/signers/' + encodeURIComponent(s.userId) + '/remove') }, '減簽'))));
      }
      if (can('sign')) {
        actions.append(el('div', { class: 'zhidu-ops-row' },
          el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'zhidu-ops-sign-approve',
            onclick: run('簽核', 'POST', task + '/sign', () => ({ decision: 'approved' })) }, '同意'),
          el('button', { type: 'button', class: 'btn btn-default btn-sm', id: 'zhidu-ops-sign-reject',
            onclick: run('簽核', 'POST', task + '/sign', () => ({ decision: 'rejected' })) }, '不同意')));
      }
      if (can('cc')) {
        actions.append(el('div', { class: 'zhidu-ops-row' }, '抄送給（使用者代號，逗號分隔） ',
          el('input', { id: 'zhidu-ops-cc', class: 'form-control input-sm zhidu-ops-input' }),
          button('cc', run('抄送', 'POST', kase + '/cc', () => ({
            userIds: document.getElementById('zhidu-ops-cc').value.split(/[,，\s]+/).filter(Boolean) })))));
      }
      if (can('withdraw') || can('urge')) {
        actions.append(el('div', { class: 'zhidu-ops-row' },
          can('withdraw') ? button('withdraw', run('撤回', 'POST', kase + '/withdraw')) : '',
          can('urge') ? button('urge', run('催辦', 'POST', kase + '/urge')) : ''));
      }
      actions.append(message);
      root.append(el('h4', {}, '審批操作'), actions);
    }

    root.append(el('h4', {}, '案件意見'), context.comments.length
      ? el('ul', { class: 'zhidu-ops-comments', id: 'zhidu-ops-comments' }, context.comments.map((c) =>
        el('li', {}, el('span', { class: 'text-muted' }, time(c.time) + ' ' + (c.userName || '系統')
          + (c.taskName ? '（' + c.taskName + '）' : '') + '：'), c.message)))
      : el('p', { class: 'text-muted' }, '尚無意見'));
    root.append(el('h4', {}, '辦理歷程'), el('table', { class: 'table table-condensed zhidu-ops-history',
      id: 'zhidu-ops-history' },
      el('thead', {}, el('tr', {}, ['步驟', '處理人', '開始', '結束', '結果'].map((h) => el('th', {}, h)))),
      el('tbody', {}, context.history.map((h) => el('tr', {}, el('td', {}, h.taskName), el('td', {}, h.assigneeName || '—'),
        el('td', {}, time(h.start)), el('td', {}, time(h.end)), el('td', {}, h.outcome))))));
  }).catch((e) => {
    root.textContent = '無法載入審批資訊：' + e.message;
  });
}

export default {
  id: 'zhidu.taskOperations',
  pluginPoint: 'tasklist.task.detail',
  priority: 1000,
  properties: {
    label: '審批'
  },
  render: (node, { taskId }) => render(node, taskId)
};
