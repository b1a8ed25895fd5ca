// Tasklist plugin: the employee's own notification setting in the Tasklist header (navbar action 通知設定):
// one mail per task (default) or the daily digest (每日摘要: one mail a day listing open and overdue tasks and the
// cases copied to them). Reads and writes GET/PUT /zhidu/api/me/notification-settings, which only ever touch the
// logged-in user's own setting. Registered in config.js: customScripts: [..., 'scripts/zhidu-notification-settings'].
// Writes carry the webapp session's CSRF token (cookie XSRF-TOKEN → header X-XSRF-TOKEN), as zhidu-task-operations.
const SETTINGS = '/zhidu/api/me/notification-settings';

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function call(method, body) {
  const response = await fetch(SETTINGS, {
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

function describe(dailyDigest) {
  return dailyDigest ? '目前：每日摘要（每天一封）' : '目前：逐項通知（每項任務一封）';
}

function render(node) {
  const box = document.createElement('span');
  box.className = 'zhidu-digest';
  box.id = 'zhidu-digest';
  // Laid out like the header's other actions (啟動流程, 建立任務).
  box.style.display = 'inline-block';
  box.style.padding = '10px 15px';
  box.title = '選擇「每日摘要」後，每天只收到一封郵件，列出您的待辦、已逾期任務與抄送給您的案件，'
    + '不再逐項收到新任務與到期提醒郵件（逾期通報仍會寄送）。';
  const label = document.createElement('label');
  label.style.fontWeight = 'normal';
  label.style.margin = '0';
  const toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.id = 'zhidu-digest-toggle';
  toggle.disabled = true;
  toggle.style.marginRight = '4px';
  label.append(toggle, '每日摘要郵件');
  const status = document.createElement('small');
  status.id = 'zhidu-digest-status';
  status.setAttribute('role', 'status');
  status.style.marginLeft = '6px';
  status.textContent = '載入中…';
  box.append(label, status);
  node.append(box);

  call('GET').then((settings) => {
    toggle.checked = !!settings.dailyDigest;
    toggle.disabled = false;
    status.textContent = describe(toggle.checked);
  }).catch((e) => {
    status.textContent = '無法載入通知設定：' + e.message;
  });

  toggle.addEventListener('change', async () => {
    const wanted = toggle.checked;
    toggle.disabled = true;
    status.textContent = '儲存中…';
    try {
      const saved = await call('PUT', { dailyDigest: wanted });
      toggle.checked = !!saved.dailyDigest;
      status.textContent = '已儲存。' + describe(toggle.checked);
    } catch (e) {
      toggle.checked = !wanted;
      status.textContent = '未能儲存：' + e.message;
    } finally {
      toggle.disabled = false;
    }
  });
}

export default {
  id: 'zhidu.notificationSettings',
  pluginPoint: 'tasklist.navbar.action',
  // Lower than Camunda's own actions (start process 100, shortcuts 300): shown after them.
  priority: 50,
  render: (node) => render(node)
};
