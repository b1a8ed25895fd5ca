// Auditor page: reads /zhidu/api/audit/* with the Camunda webapp session (same origin). Read-only.
(function () {
  'use strict';
  var API = '/zhidu/api/audit';
  var STATES = { ACTIVE: '進行中', SUSPENDED: '已暫停', COMPLETED: '已完成', EXTERNALLY_TERMINATED: '已取消',
    INTERNALLY_TERMINATED: '已終止' };

  var TYPES = { startEvent: '開始', noneEndEvent: '結束', endEvent: '結束', terminateEndEvent: '終止', userTask: '人工任務',
    serviceTask: '系統任務', sendTask: '通知', businessRuleTask: '決策表', exclusiveGateway: '分支判斷',
    parallelGateway: '並行', inclusiveGateway: '分支判斷', eventBasedGateway: '事件分支', callActivity: '子流程',
    subProcess: '子流程', multiInstanceBody: '多實例', intermediateTimer: '計時', boundaryTimer: '逾時',
    intermediateMessageCatch: '等待訊息', boundaryError: '錯誤處理', boundaryMessage: '訊息' };

  function $(id) { return document.getElementById(id); }

  function get(path) {
    return fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { $('login').hidden = false; throw new Error('請先登入'); }
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body && body.message ? body.message : '讀取失敗（' + response.status + '）'); }
          return body;
        });
      });
  }

  function show(error) { $('message').textContent = error.message || String(error); }

  function time(value) {
    return value ? new Date(value).toLocaleString('zh-TW', { timeZone: 'Asia/Taipei', hour12: false }) : '';
  }

  function duration(ms) {
    if (ms == null) { return ''; }
    var minutes = Math.round(ms / 60000);
    if (minutes < 60) { return minutes + ' 分'; }
    var hours = Math.floor(minutes / 60);
    return hours < 24 ? hours + ' 小時 ' + (minutes % 60) + ' 分' : Math.floor(hours / 24) + ' 天 ' + (hours % 24) + ' 小時';
  }

  // Cells are set as text, never as HTML: case data is user input.
  function row(cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (cell) {
      var td = document.createElement('td');
      td.textContent = cell == null ? '' : String(cell);
      tr.appendChild(td);
    });
    return tr;
  }

  function fill(tableId, rows) {
    var body = $(tableId).querySelector('tbody');
    body.replaceChildren.apply(body, rows);
  }

  function item(text) {
    var li = document.createElement('li');
    li.textContent = text;
    return li;
  }

  var searches = 0;

  function search(event) {
    if (event) { event.preventDefault(); }
    var params = new URLSearchParams();
    new FormData($('filter')).forEach(function (value, key) { if (value) { params.append(key, value); } });
    $('message').textContent = '';
    var current = ++searches;
    get('/cases?' + params).then(function (cases) {
      // A slower earlier search (e.g. the unfiltered one at page load) must not overwrite a newer one.
      if (current !== searches) { return; }
      $('cases').setAttribute('data-loaded', params.toString());
      fill('cases', cases.map(function (c) {
        var tr = row([c.id, (c.processDefinitionName || c.processDefinitionKey) + ' v' + c.processDefinitionVersion,
          c.businessKey, STATES[c.state] || c.state, c.startUserId, time(c.startTime), time(c.endTime)]);
        tr.className = 'link';
        tr.addEventListener('click', function () { openCase(c.id); });
        return tr;
      }));
      if (!cases.length) { $('message').textContent = '沒有符合條件的案件'; }
    }).catch(show);
  }

  function openCase(id) {
    get('/cases/' + encodeURIComponent(id)).then(function (c) {
      $('report').hidden = true;
      $('case').hidden = false;
      $('caseTitle').textContent = (c.processDefinitionName || c.processDefinitionKey) + '：' + c.id;
      $('caseInfo').textContent = '業務鍵 ' + (c.businessKey || '—') + '，發起人 ' + (c.startUserId || '—') + '，'
        + time(c.startTime) + ' 至 ' + (c.endTime ? time(c.endTime) : '（進行中）') + '，狀態 ' + (STATES[c.state] || c.state);
      var status = $('trailStatus');
      status.className = c.trail.intact ? 'intact' : 'broken';
      status.textContent = c.trail.intact
        ? '稽核軌跡完整（' + c.trail.events + ' 筆，雜湊鏈驗證通過）'
        : '稽核軌跡遭竄改或缺漏：第 ' + c.trail.problem.seq + ' 筆（' + c.trail.problem.kind + '）';
      var root = c.rootProcessInstanceId && c.rootProcessInstanceId !== c.id ? c.rootProcessInstanceId : null;
      $('parent').hidden = !root;
      $('parent').onclick = function (event) { event.preventDefault(); openCase(root); };
      showDiagram(id, c);
      $('csv').href = API + '/cases/' + encodeURIComponent(id) + '/trail.csv';
      $('json').href = API + '/cases/' + encodeURIComponent(id) + '/trail';
      fill('activities', c.activities.map(function (a) {
        // The start event's performer is whoever started the case (the engine records no assignee for it).
        var by = a.completedBy || (a.type === 'startEvent' ? c.startUserId : null);
        var name = a.name || a.activityId;
        if (a.type === 'multiInstanceBody') { name = name.replace('#multiInstanceBody', '') + '（多實例）'; }
        if (a.calledProcessInstanceId) { name += '（子流程，點選查看）'; }
        var tr = row([name, TYPES[a.type] || a.type, time(a.startTime), time(a.endTime),
          duration(a.durationInMillis), a.assignee, by, time(a.dueDate)]);
        if (a.calledProcessInstanceId) {
          // Steps done in a called process (e.g. the approval) are read in that case: one click away.
          tr.className = 'link';
          tr.setAttribute('data-called', a.calledProcessInstanceId);
          tr.addEventListener('click', function () { openCase(a.calledProcessInstanceId); });
        }
        return tr;
      }));
      var completions = $('completions');
      completions.replaceChildren.apply(completions, c.completions.map(function (done) {
        var pre = document.createElement('pre');
        pre.textContent = (done.name || done.taskDefinitionKey) + '（' + (done.completedBy || '—') + '，'
          + time(done.completedAt) + '）\n' + JSON.stringify(done.variablesAtCompletion, null, 2);
        return pre;
      }));
      var comments = $('comments');
      comments.replaceChildren.apply(comments, c.comments.map(function (x) {
        return item(time(x.time) + ' ' + x.userId + '：' + x.message);
      }));
      fill('operations', c.operations.map(function (o) {
        return row([time(o.time), o.userId, o.operationType, o.entityType, o.property, o.orgValue, o.newValue]);
      }));
      var incidents = $('incidents');
      incidents.replaceChildren.apply(incidents, c.incidents.map(function (i) {
        return item(time(i.created) + ' ' + i.activityId + '：' + i.message + '（' + i.state + '）');
      }));
      $('case').scrollIntoView();
    }).catch(show);
  }

  var viewer = null;

  // The case's BPMN (the version it ran on) with the path taken marked: every activity that ran and every
  // sequence flow taken get 'zhidu-taken', activities still open 'zhidu-running' (styles in audit.css).
  function showDiagram(id, c) {
    var box = $('diagram');
    box.removeAttribute('data-state');
    if (typeof BpmnJS !== 'function') { box.setAttribute('data-state', 'failed'); box.textContent = '無法載入流程圖元件'; return; }
    fetch(API + '/cases/' + encodeURIComponent(id) + '/diagram', { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('無法讀取流程圖（' + response.status + '）'); }
        return response.text();
      })
      .then(function (xml) {
        if (!viewer) { viewer = new BpmnJS({ container: box }); }
        return viewer.importXML(xml);
      })
      .then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        // Ids the diagram does not draw (e.g. multi-instance bodies) are skipped, not errors.
        function mark(elementId, marker) { if (registry.get(elementId)) { canvas.addMarker(elementId, marker); } }
        c.path.forEach(function (activityId) { mark(activityId, 'zhidu-taken'); });
        c.sequenceFlows.forEach(function (flowId) { mark(flowId, 'zhidu-taken'); });
        c.activities.forEach(function (a) { if (!a.endTime && !a.canceled) { mark(a.activityId, 'zhidu-running'); } });
        canvas.zoom('fit-viewport', 'auto');
        box.setAttribute('data-state', 'shown');
      })
      .catch(function (error) { box.setAttribute('data-state', 'failed'); show(error); });
  }

  function report(title, path) {
    get(path).then(function (body) {
      $('case').hidden = true;
      $('report').hidden = false;
      $('reportTitle').textContent = title;
      $('reportTable').hidden = true;
      $('departmentTable').hidden = true;
      $('reportBody').hidden = false;
      $('reportBody').textContent = JSON.stringify(body, null, 2);
    }).catch(show);
  }

  function caseLink(id) {
    var a = document.createElement('a');
    a.href = '#case=' + encodeURIComponent(id);
    a.textContent = id;
    return a;
  }

  // Per clause: cases checked, conforming, violating (each a link to the case) and what was found; the
  // period is the search form's start-date range (empty: everything).
  function conformance() {
    var params = new URLSearchParams();
    ['from', 'to'].forEach(function (name) {
      var value = $('filter').elements[name].value;
      if (value) { params.append(name, value); }
    });
    get('/conformance?' + params).then(function (result) {
      var clauses = result.clauses;
      $('case').hidden = true;
      $('report').hidden = false;
      $('reportTitle').textContent = '合規檢查（各條款）' + (params.toString() ? '，期間 ' + (params.get('from') || '…')
        + ' 至 ' + (params.get('to') || '…') : '');
      $('reportBody').hidden = true;
      $('reportTable').hidden = false;
      fill('reportTable', clauses.map(function (c) {
        var tr = row([c.clause, c.descriptionZh, c.checked, c.conforming.length, c.violating.length]);
        var cases = document.createElement('td');
        c.violating.forEach(function (id) { cases.appendChild(caseLink(id)); cases.appendChild(document.createElement('br')); });
        tr.appendChild(cases);
        var findings = document.createElement('td');
        var list = document.createElement('ul');
        c.findings.forEach(function (f) { list.appendChild(item(f.messageZh)); });
        findings.appendChild(list);
        tr.appendChild(findings);
        if (c.violating.length) { tr.className = 'broken'; }
        return tr;
      }));
      // Per department: the overall rate, then each clause's figures for that department.
      $('departmentTable').hidden = false;
      fill('departmentTable', result.departments.map(function (d) {
        var perClause = clauses.map(function (c) {
          var mine = c.departments.filter(function (x) { return x.department === d.department; })[0];
          return mine ? c.clause + ' ' + mine.conforming + '/' + mine.checked : null;
        }).filter(Boolean).join('；');
        return row([d.departmentName + '（' + d.department + '）', d.checked, d.conforming, percent(d.rate), perClause]);
      }));
    }).catch(show);
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '—' : (Math.round(rate * 1000) / 10) + '%';
  }

  $('filter').addEventListener('submit', search);
  $('verify').addEventListener('click', function () { report('稽核軌跡驗證結果', '/verify'); });
  $('conformance').addEventListener('click', conformance);
  $('traceability').addEventListener('click', function () { report('制度追溯缺口', '/traceability'); });
  search();
  // A case can be linked directly: /zhidu/audit/#case=<process instance id>.
  function openLinked() {
    var linked = /^#case=(.+)$/.exec(window.location.hash);
    if (linked) { openCase(decodeURIComponent(linked[1])); }
  }
  window.addEventListener('hashchange', openLinked);
  openLinked();
}());
