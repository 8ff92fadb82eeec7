/* global window, document, URLSearchParams */
/**
 * Development-only fixture shim (not part of the build): defines window.__PHASE_GATE_PREVIEW__ with fixture data so
 * the built UI can be looked at outside Atlassian. Load it before the module script (static/dev/serve.mjs does).
 *
 * Query parameters:
 *   surface   project | settings | admin | idea | macro | macro-config         (default project)
 *   scenario  phase1 | phase2 | phase3 | empty | stale | error | forbidden |
 *             readonly | locked | unlocked | bypass | not-idea | unknown-gate |
 *             unconfigured | no-projects | waived | no-idea-type              (default phase2)
 *   theme     light | dark                                                    (default light)
 *   delay     milliseconds before each resolver answers                      (default 150)
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var surface = params.get('surface') || 'project';
  var scenario = params.get('scenario') || 'phase2';
  var theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  var delay = Number(params.get('delay') || 150);

  var NOW = Date.now();
  function iso(minutesAgo) {
    return new Date(NOW - minutesAgo * 60000).toISOString();
  }

  var MONTH_ENDS = [
    '2025-06-30',
    '2025-07-31',
    '2025-08-31',
    '2025-09-30',
    '2025-10-31',
    '2025-11-30',
    '2025-12-31',
    '2026-01-31',
    '2026-02-28',
    '2026-03-31',
    '2026-04-30',
    '2026-05-31',
  ];
  var AS_OF = '2026-06-15';

  function trend(phases, rates, restores) {
    return MONTH_ENDS.concat([AS_OF]).map(function (asOf, i) {
      var phase = phases[i];
      return {
        asOf: asOf,
        phase: phase,
        reliabilityMet: phase >= 2,
        deliveryMet: phase === 3,
        onTimeRate: rates[i],
        medianRestoreHours: restores[i],
        majorIncidents: phase >= 2 ? 1 : 3 + (i % 3),
        decided: rates[i] === null ? 0 : 4 + (i % 5),
      };
    });
  }

  /** A v2 criterion: data, never a sentence (src/core/report.ts `Criterion`). */
  function crit(id, label, value, unit, op, limit, met, need) {
    return {
      id: id,
      label: label,
      value: value,
      unit: unit,
      op: op,
      limit: limit,
      met: met,
      waived: false,
      need: met ? null : need,
    };
  }
  function r0() {
    return crit('R0', 'Incidents are recorded', 1, 'count', '>=', 1, true, null);
  }
  function r1(value, need) {
    return crit('R1', 'Major incidents in 90 days', value, 'count', '<=', 2, value <= 2, need);
  }
  function r2(value, need) {
    return crit('R2', 'Median time to restore in 90 days', value, 'hours', '<=', 24, value <= 24, need);
  }
  function r3(value, need) {
    return crit('R3', 'Longest-open major incident', value, 'hours', '<=', 24, value <= 24, need);
  }
  function d1(value, need) {
    return crit('D1', 'Deliverables decided in 180 days', value, 'count', '>=', 5, value >= 5, need);
  }
  function d2(value, need) {
    return crit('D2', 'On-time rate', value, 'rate', '>=', 0.8, value !== null && value >= 0.8, need);
  }

  function sources() {
    return {
      incidents: {
        projects: ['OPS'],
        types: [{ name: 'Incident', id: '10021' }],
        majorPriorities: [
          { name: 'Highest', id: '1' },
          { name: 'High', id: '2' },
        ],
      },
      deliverables: { projects: ['OPS'], types: [{ name: 'Epic', id: '10000' }] },
      ideas: { projects: ['OPS'], types: [{ name: 'Innovation Idea', id: '10042' }] },
      excludedResolutions: [
        { name: 'Duplicate', id: '3' },
        { name: "Won't Do", id: '2' },
      ],
    };
  }

  /** The v2 fields every fixture report shares. */
  function v2(report, extra) {
    var base = {
      gate: { home: 'OPS', name: 'IT Operations' },
      sources: sources(),
      waivers: [],
      phaseChanges: [],
      timesThrownBack: 0,
    };
    var out = Object.assign({}, report, base, extra || {});
    out.delivery = Object.assign(
      { dueDateBasis: 'committed', slipped: 0, medianSlipDays: null },
      report.delivery,
      (extra && extra.delivery) || {},
    );
    out.ideas = Object.assign({ typeFound: true }, report.ideas);
    var blockers = function (list) {
      return list
        .filter(function (c) {
          return !c.met && !c.waived;
        })
        .map(function (c) {
          return c.id;
        });
    };
    out.nextGate =
      out.phase === 1
        ? { phase: 2, blockers: blockers(out.reliability.criteria) }
        : out.phase === 2
          ? { phase: 3, blockers: blockers(out.delivery.criteria) }
          : out.innovationUnlocked
            ? { phase: null, blockers: [] }
            : { phase: 3, blockers: [] };
    return out;
  }

  var REPORTS = {
    phase1: v2(
      {
        project: 'OPS',
        asOf: AS_OF,
        timeZone: 'Europe/Paris',
        computedAt: iso(12),
        phase: 1,
        phaseName: 'Reliable systems',
        innovationUnlocked: false,
        reliability: {
          met: false,
          windowDays: 90,
          incidents: 27,
          majorIncidents: 4,
          openIncidents: 5,
          restoredInWindow: 22,
          medianRestoreHours: 31.5,
          meanRestoreHours: 44.2,
          longestOpenMajorHours: 52.25,
          criteria: [
            r0(),
            r1(4, { kind: 'fewerMajorIncidents', excess: 2, clearsOn: '2026-07-02' }),
            r2(31.5, { kind: 'fasterRestore', excessHours: 7.5 }),
            r3(52.25, { kind: 'resolveOpenMajors', count: 1 }),
          ],
        },
        delivery: {
          met: false,
          windowDays: 180,
          decided: 3,
          onTime: 2,
          late: 1,
          overdueOpen: 0,
          onTimeRate: 0.6667,
          medianDaysLate: 6,
          noDueDate: 4,
          criteria: [
            d1(3, { kind: 'moreDecided', missing: 2 }),
            d2(0.6667, { kind: 'moreOnTime', deliveries: 3, overdueOpen: 0 }),
          ],
        },
        ideas: { total: 9, waiting: 6, inProgress: 2, done: 1, locked: 5 },
        warnings: [
          '4 deliverables have no due date',
          '2 incidents have no priority; they are not counted as major',
        ],
      },
      {
        phaseChanges: [
          { date: '2026-01-12', from: 1, to: 2 },
          { date: '2026-03-04', from: 2, to: 1 },
        ],
        timesThrownBack: 1,
        delivery: { slipped: 2, medianSlipDays: 12 },
      },
    ),
    phase2: v2(
      {
        project: 'OPS',
        asOf: AS_OF,
        timeZone: 'UTC',
        computedAt: iso(12),
        phase: 2,
        phaseName: 'On-time delivery',
        innovationUnlocked: false,
        reliability: {
          met: true,
          windowDays: 90,
          incidents: 12,
          majorIncidents: 1,
          openIncidents: 2,
          restoredInWindow: 10,
          medianRestoreHours: 5.5,
          meanRestoreHours: 7.1,
          longestOpenMajorHours: 0,
          criteria: [r0(), r1(1), r2(5.5), r3(0)],
        },
        delivery: {
          met: false,
          windowDays: 180,
          decided: 9,
          onTime: 6,
          late: 2,
          overdueOpen: 1,
          onTimeRate: 0.6667,
          medianDaysLate: 4,
          noDueDate: 3,
          criteria: [d1(9), d2(0.6667, { kind: 'moreOnTime', deliveries: 6, overdueOpen: 1 })],
        },
        ideas: { total: 7, waiting: 5, inProgress: 1, done: 1, locked: 5 },
        warnings: ['3 deliverables have no due date'],
      },
      {
        phaseChanges: [{ date: '2026-02-10', from: 1, to: 2 }],
        delivery: { slipped: 1, medianSlipDays: 5 },
      },
    ),
    phase3: v2({
      project: 'OPS',
      asOf: AS_OF,
      timeZone: 'UTC',
      computedAt: iso(3),
      phase: 3,
      phaseName: 'Innovation',
      innovationUnlocked: true,
      reliability: {
        met: true,
        windowDays: 90,
        incidents: 8,
        majorIncidents: 0,
        openIncidents: 1,
        restoredInWindow: 9,
        medianRestoreHours: 3.25,
        meanRestoreHours: 4.8,
        longestOpenMajorHours: 0,
        criteria: [r0(), r1(0), r2(3.25), r3(0)],
      },
      delivery: {
        met: true,
        windowDays: 180,
        decided: 14,
        onTime: 12,
        late: 2,
        overdueOpen: 0,
        onTimeRate: 0.8571,
        medianDaysLate: 2,
        noDueDate: 0,
        criteria: [d1(14), d2(0.8571)],
      },
      ideas: { total: 11, waiting: 3, inProgress: 4, done: 4, locked: 0 },
      warnings: [],
    }),
  };

  var TRENDS = {
    phase1: trend(
      [1, 1, 1, 2, 2, 1, 1, 1, 2, 1, 1, 1, 1],
      [null, 0.5, 0.5, 0.6, 0.75, 0.7, 0.66, 0.6, 0.66, 0.7, 0.66, 0.66, 0.6667],
      [40, 38, 36, 22, 20, 30, 33, 35, 23, 29, 31, 32, 31.5],
    ),
    phase2: trend(
      [1, 1, 1, 1, 2, 2, 2, 1, 2, 2, 2, 2, 2],
      [0.4, 0.45, 0.5, 0.5, 0.55, 0.6, 0.58, 0.6, 0.62, 0.65, 0.7, 0.68, 0.6667],
      [30, 28, 26, 25, 18, 12, 10, 26, 9, 8, 6.5, 6, 5.5],
    ),
    phase3: trend(
      [1, 1, 2, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3],
      [0.5, 0.55, 0.6, 0.7, 0.75, 0.78, 0.82, 0.85, 0.84, 0.79, 0.83, 0.86, 0.8571],
      [26, 22, 15, 12, 10, 8, 6, 5, 4.5, 5, 4, 3.5, 3.25],
    ),
  };

  var EVIDENCE_KEYS = {
    phase1: {
      majorIncidents: ['OPS-212', 'OPS-207', 'OPS-199', 'OPS-188'],
      openIncidents: ['OPS-212', 'OPS-215', 'OPS-216', 'OPS-219', 'OPS-220'],
      openMajorIncidents: ['OPS-212'],
      staleMajorIncidents: ['OPS-212'],
      late: ['OPS-150'],
      overdueOpen: [],
      onTime: ['OPS-141', 'OPS-160'],
      noDueDate: ['OPS-171', 'OPS-172', 'OPS-178', 'OPS-180'],
      slipped: [],
      onBudget: [],
      overBudget: [],
      lockedIdeas: ['OPS-301', 'OPS-302', 'OPS-305', 'OPS-307', 'OPS-309'],
    },
    phase2: {
      majorIncidents: ['OPS-188'],
      openIncidents: ['OPS-215', 'OPS-219'],
      openMajorIncidents: [],
      staleMajorIncidents: [],
      late: ['OPS-150', 'OPS-163'],
      overdueOpen: ['OPS-166'],
      onTime: ['OPS-141', 'OPS-144', 'OPS-152', 'OPS-155', 'OPS-160', 'OPS-161'],
      noDueDate: ['OPS-171', 'OPS-172', 'OPS-178'],
      slipped: [],
      onBudget: [],
      overBudget: [],
      lockedIdeas: ['OPS-301', 'OPS-302', 'OPS-305', 'OPS-307', 'OPS-309'],
    },
    phase3: {
      majorIncidents: [],
      openIncidents: ['OPS-231'],
      openMajorIncidents: [],
      staleMajorIncidents: [],
      late: ['OPS-150', 'OPS-163'],
      overdueOpen: [],
      onTime: ['OPS-141', 'OPS-144', 'OPS-152', 'OPS-155', 'OPS-160', 'OPS-161', 'OPS-167'],
      noDueDate: [],
      slipped: [],
      onBudget: [],
      overBudget: [],
      lockedIdeas: [],
    },
  };

  var SUMMARIES = {
    'OPS-212': ['Payments API returns 502 for EU customers', 'In Progress', 'Highest'],
    'OPS-207': ['VPN gateway drops sessions every 30 minutes', 'Done', 'High'],
    'OPS-199': ['Nightly backup job failed on the HR database', 'Done', 'High'],
    'OPS-188': ['Email relay queue stuck after certificate renewal', 'Done', 'Highest'],
    'OPS-215': ['Printer fleet offline on floor 3', 'Open', 'Medium'],
    'OPS-216': ['Slow login on the intranet', 'Open', 'Low'],
    'OPS-219': ['Wi-Fi drops in meeting room Atlas', 'In Progress', 'Medium'],
    'OPS-220': ['Shared drive quota alerts', 'Open', 'Low'],
    'OPS-231': ['Badge reader intermittently offline', 'Open', 'Medium'],
    'OPS-141': ['Migrate the service desk to the new portal', 'Done', null],
    'OPS-144': ['Laptop refresh wave 2', 'Done', null],
    'OPS-150': ['Single sign-on for the CRM', 'Done', null],
    'OPS-152': ['Replace core switches in DC1', 'Done', null],
    'OPS-155': ['MFA for all admin accounts', 'Done', null],
    'OPS-160': ['Backup restore drill Q1', 'Done', null],
    'OPS-161': ['Decommission the legacy file server', 'Done', null],
    'OPS-163': ['New onboarding workflow', 'Done', null],
    'OPS-166': ['Network segmentation for OT systems', 'In Progress', null],
    'OPS-167': ['Patch compliance dashboard', 'Done', null],
    'OPS-171': ['Asset inventory clean-up', 'In Progress', null],
    'OPS-172': ['Printer contract renewal', 'Open', null],
    'OPS-178': ['Knowledge base restructure', 'Open', null],
    'OPS-180': ['Teams telephony pilot', 'Open', null],
    'OPS-301': ['Chatbot for password resets', 'Idea intake', 'Medium'],
    'OPS-302': ['Self-service software catalogue', 'Idea intake', 'Medium'],
    'OPS-305': ['Predictive disk-failure alerts', 'Idea intake', 'Low'],
    'OPS-307': ['Green IT: power down idle test servers', 'Idea intake', 'Low'],
    'OPS-309': ['Automatic license reclaiming', 'Idea intake', 'Medium'],
  };

  var AS_OF_MS = Date.parse(AS_OF + 'T17:00:00Z');
  function daysBeforeAsOf(days) {
    return new Date(AS_OF_MS - days * 86400000).toISOString();
  }
  function issue(key, list) {
    var s = SUMMARIES[key] || ['Issue ' + key, 'Open', null];
    var hash = Number(key.split('-')[1]) || 1;
    var incident = list === 'majorIncidents' || list === 'openIncidents' || list === 'openMajorIncidents';
    var created = daysBeforeAsOf(incident ? (hash % 60) + 3 : (hash % 90) + 100);
    var dueDays = (hash % 70) + 10;
    var due = incident || list === 'noDueDate' ? null : daysBeforeAsOf(dueDays).slice(0, 10);
    var resolvedDays = list === 'late' ? dueDays - 4 : list === 'onTime' ? dueDays + 2 : (hash % 3) + 1;
    var resolved = s[1] === 'Done' ? daysBeforeAsOf(resolvedDays) : null;
    return {
      key: key,
      summary: s[0],
      status: s[1],
      priority: s[2],
      created: created,
      resolved: resolved,
      dueDate: due,
    };
  }

  function gateView(name) {
    var key = REPORTS[name] ? name : 'phase2';
    var report = REPORTS[key];
    var computedAt = report.computedAt;
    var age = Math.round((NOW - Date.parse(computedAt)) / 60000);
    // As the resolvers send it (SnapshotView): evidence counts, never the keys.
    var keys = EVIDENCE_KEYS[key];
    var empty = {};
    var counts = {};
    Object.keys(keys).forEach(function (list) {
      empty[list] = [];
      counts[list] = keys[list].length;
    });
    return {
      project: 'OPS',
      snapshot: {
        report: report,
        trend: TRENDS[key],
        evidence: empty,
        evidenceTotals: counts,
        evidenceStored: counts,
        computedAt: computedAt,
      },
      ageMinutes: age,
      stale: false,
      lastError: null,
      nextGate: [],
    };
  }

  function baseScenario() {
    return scenario === 'phase1' || scenario === 'phase3' ? scenario : 'phase2';
  }

  function getGate() {
    if (scenario === 'empty') {
      return {
        project: 'OPS',
        snapshot: null,
        ageMinutes: null,
        stale: false,
        lastError: null,
        nextGate: [],
      };
    }
    if (scenario === 'error')
      return {
        error: {
          code: 'jira',
          message: 'Jira answered 503 Service Unavailable three times; try again in a minute.',
        },
      };
    if (scenario === 'forbidden') {
      return { error: { code: 'forbidden', message: 'You do not have permission to browse project OPS.' } };
    }
    var view = gateView(baseScenario());
    if (scenario === 'waived') {
      // D2 waived: delivery counts as met, phase 3 reached, ideas still locked for the sustain period.
      var w = JSON.parse(JSON.stringify(view.snapshot.report));
      var waivedD2 = w.delivery.criteria[1];
      waivedD2.waived = true;
      w.delivery.met = true;
      w.phase = 3;
      w.phaseName = 'Innovation';
      w.waivers = [
        {
          criterion: 'D2',
          from: '2026-06-01',
          until: '2026-08-30',
          reason: 'ERP migration freeze: no releases until it lands',
          approver: 'Dana Ng (CIO)',
        },
      ];
      w.nextGate = { phase: 3, blockers: [] };
      view.snapshot.report = w;
    }
    if (scenario === 'no-idea-type') {
      var n = JSON.parse(JSON.stringify(view.snapshot.report));
      n.ideas = { typeFound: false, total: null, waiting: null, inProgress: null, done: null, locked: null };
      n.sources.ideas.types = [];
      n.warnings = n.warnings.concat([
        'the idea type "Innovation Idea" exists in none of the idea projects (OPS)',
      ]);
      view.snapshot.report = n;
    }
    if (scenario === 'stale') {
      var r = JSON.parse(JSON.stringify(view.snapshot.report));
      r.computedAt = iso(60 * 53);
      view.snapshot.report = r;
      view.snapshot.computedAt = r.computedAt;
      view.ageMinutes = 60 * 53;
      view.stale = true;
      view.lastError = {
        message: 'Jira answered 429 Too Many Requests; gave up after 5 attempts (Retry-After 120 s).',
        at: iso(20),
      };
    }
    return view;
  }

  function refresh() {
    if (scenario === 'error') return getGate();
    var view = getGate();
    if (view.error) return view;
    if (scenario === 'empty') view = gateView('phase2');
    view = JSON.parse(JSON.stringify(view));
    view.ageMinutes = 0;
    view.stale = false;
    view.snapshot.computedAt = new Date().toISOString();
    view.snapshot.report.computedAt = view.snapshot.computedAt;
    if (scenario !== 'stale') view.lastError = null;
    return view;
  }

  var DEFAULT_CONFIG = {
    timeZone: 'UTC',
    excludedResolutions: ['Duplicate', "Won't Do", 'Cannot Reproduce', 'Declined'],
    incidentTypes: ['Incident'],
    incidentExemptLabels: ['not-an-incident', 'external-cause'],
    majorPriorities: ['Highest', 'High'],
    reliabilityWindowDays: 90,
    maxMajorIncidents: 2,
    maxMedianRestoreHours: 24,
    deliverableTypes: ['Epic'],
    graceDays: 0,
    deliveryWindowDays: 180,
    minDecided: 5,
    minOnTimeRate: 0.8,
    sustainDays: 1,
    ideaType: 'Innovation Idea',
    ideaBypassLabels: ['reliability', 'security'],
    maxSnapshotAgeHours: 48,
    dueDateBasis: 'committed',
    budgetCheck: false,
    budgetTolerance: 0.1,
    minOnBudgetRate: 0.8,
    waivers: [],
    ideaBypassApprovers: [],
  };

  var settings = {
    project: 'OPS',
    config: Object.assign({}, DEFAULT_CONFIG, {
      timeZone: 'Europe/Paris',
      incidentJql: 'component != "Facilities"',
      graceDays: 2,
    }),
    versions: [
      { version: 3, savedAt: iso(60 * 24 * 2), savedBy: 'Alana Grant' },
      { version: 2, savedAt: iso(60 * 24 * 20), savedBy: 'Ravi Kumar' },
      { version: 1, savedAt: iso(60 * 24 * 45), savedBy: 'Alana Grant' },
    ],
    canAdminister: scenario !== 'readonly',
  };
  var history = {
    1: Object.assign({}, DEFAULT_CONFIG),
    2: Object.assign({}, DEFAULT_CONFIG, { timeZone: 'Europe/Paris' }),
    3: Object.assign({}, DEFAULT_CONFIG, {
      timeZone: 'Europe/Paris',
      incidentJql: 'component != "Facilities"',
      graceDays: 2,
    }),
  };

  function saveSettings(payload) {
    var config = payload.config || {};
    var errors = [];
    ['incidentJql', 'deliveryJql'].forEach(function (k) {
      if (typeof config[k] === 'string' && /bogus/i.test(config[k])) {
        errors.push({
          path: k,
          message: k + ": Field 'bogus' does not exist or you do not have permission to view it.",
        });
      }
    });
    if (errors.length) return { ok: false, errors: errors };
    var next = settings.versions.length ? settings.versions[0].version + 1 : 1;
    history[next] = config;
    settings = Object.assign({}, settings, {
      config: config,
      versions: [{ version: next, savedAt: new Date().toISOString(), savedBy: 'You' }].concat(
        settings.versions,
      ),
    });
    return { ok: true, settings: settings };
  }

  function restoreSettings(payload) {
    var config = history[payload.version];
    if (!config) return { error: { code: 'not-found', message: 'No version ' + payload.version + '.' } };
    return saveSettings({ config: config });
  }

  // The idea reasons are the words of the core's lockReasons (src/core/ideas.ts, worded by src/core/wording.ts) for the
  // scenario's report; test/ui/fixtureBridge.test.ts checks that they still are.
  function getIdea() {
    var base = {
      issue: 'OPS-305',
      project: 'OPS',
      isIdea: true,
      locked: true,
      reasons: ['On-time rate: 66.7%, needs at least 80% — 6 more on-time deliveries (1 overdue still open)'],
      bypass: null,
      phase: 2,
      computedAt: iso(12),
    };
    if (scenario === 'phase1') {
      base.phase = 1;
      base.reasons = [
        'Major incidents in 90 days: 4, needs at most 2 — 2 major incidents too many; with no new major incident, this holds from 2 Jul 2026',
        'Median time to restore in 90 days: 31.5 h, needs at most 24 h — restore incidents faster: the median must fall by 7.5 h',
        'Longest-open major incident: 52 h (2.2 days), needs at most 24 h — resolve the major incident open longer than 24 h',
        'Deliverables decided in 180 days: 3, needs at least 5 — not enough data: 2 more deliverables with a due date must be decided',
        'On-time rate: 66.7%, needs at least 80% — 3 more on-time deliveries',
      ];
    }
    if (scenario === 'unlocked' || scenario === 'phase3') {
      base.locked = false;
      base.reasons = [];
      base.phase = 3;
    }
    if (scenario === 'bypass') {
      base.locked = false;
      base.reasons = [];
      base.bypass = 'security';
    }
    if (scenario === 'not-idea') {
      base = {
        issue: 'OPS-212',
        project: 'OPS',
        isIdea: false,
        locked: false,
        reasons: [],
        bypass: null,
        phase: 2,
        computedAt: iso(12),
      };
    }
    if (scenario === 'unknown-gate') {
      base.phase = null;
      base.computedAt = null;
      base.reasons = ['the gate of OPS has never been computed; ideas stay locked until it is'];
    }
    if (scenario === 'error') return { error: { code: 'jira', message: 'Jira could not be reached.' } };
    return base;
  }

  var PROJECTS = [
    { key: 'OPS', name: 'IT Operations' },
    { key: 'PAY', name: 'Payments Platform' },
    { key: 'HR', name: 'HR Systems' },
    { key: 'NET', name: 'Network & Infrastructure' },
    { key: 'SEC', name: 'Security Office' },
    { key: 'DATA', name: 'Data & Analytics' },
  ];

  function listProjects(payload) {
    if (scenario === 'no-projects') return [];
    if (scenario === 'forbidden')
      return { error: { code: 'forbidden', message: 'Your account cannot use Jira on this site.' } };
    var q = (payload && payload.query ? payload.query : '').toLowerCase();
    return PROJECTS.filter(function (p) {
      return !q || p.key.toLowerCase().indexOf(q) >= 0 || p.name.toLowerCase().indexOf(q) >= 0;
    });
  }

  function setup(payload) {
    var key = payload.projectKey;
    if (key === 'NOPE')
      return { error: { code: 'not-found', message: 'Project NOPE does not exist or you cannot see it.' } };
    return {
      steps: [
        {
          name: 'Issue type "Innovation Idea"',
          outcome: key === 'OPS' ? 'skipped' : 'done',
          detail: key === 'OPS' ? 'already exists (id 10042)' : 'created (id 10042)',
        },
        {
          name: 'Add to the issue type scheme of ' + key,
          outcome: 'done',
          detail: 'added to "' + key + ': Software Issue Type Scheme"',
        },
        { name: 'Register ' + key + ' as configured', outcome: 'done', detail: 'default settings saved' },
        {
          name: 'First computation',
          outcome: key === 'PAY' ? 'failed' : 'done',
          detail:
            key === 'PAY' ? 'Jira answered 403: the app cannot browse PAY' : 'phase 2 (On-time delivery)',
        },
      ],
      validatorSteps: [
        'Open Project settings → Workflows and edit the workflow used by Innovation Idea.',
        'Select each transition that leaves the To Do category (e.g. "Start work").',
        'Add the validator "Innovation gate" and publish the workflow.',
      ],
    };
  }

  function getPortfolio() {
    if (scenario === 'empty') return [];
    return [
      {
        project: 'OPS',
        phase: 2,
        phaseName: 'On-time delivery',
        innovationUnlocked: false,
        computedAt: iso(12),
        lastError: null,
      },
      {
        project: 'PAY',
        phase: 3,
        phaseName: 'Innovation',
        innovationUnlocked: true,
        computedAt: iso(40),
        lastError: null,
      },
      {
        project: 'HR',
        phase: 1,
        phaseName: 'Reliable systems',
        innovationUnlocked: false,
        computedAt: iso(60 * 26),
        lastError: 'Jira answered 429 Too Many Requests; gave up after 5 attempts',
      },
      {
        project: 'DATA',
        phase: null,
        phaseName: null,
        innovationUnlocked: null,
        computedAt: null,
        lastError: null,
      },
    ];
  }

  function getEvidence(payload) {
    var keys = EVIDENCE_KEYS[baseScenario()][payload.list] || [];
    return keys.map(function (k) {
      return issue(k, payload.list);
    });
  }

  var RESOLVERS = {
    getGate: getGate,
    refresh: refresh,
    getEvidence: getEvidence,
    getSettings: function () {
      return scenario === 'error'
        ? { error: { code: 'forbidden', message: 'You cannot see the settings of OPS.' } }
        : settings;
    },
    saveSettings: saveSettings,
    restoreSettings: restoreSettings,
    getIdea: getIdea,
    listProjects: listProjects,
    setup: setup,
    getPortfolio: getPortfolio,
  };

  var CONTEXTS = {
    project: {
      moduleKey: 'phase-gate-page',
      extension: { type: 'jira:projectPage', project: { key: 'OPS', id: '10000', type: 'software' } },
    },
    settings: {
      moduleKey: 'phase-gate-settings',
      extension: { type: 'jira:projectSettingsPage', project: { key: 'OPS', id: '10000', type: 'software' } },
    },
    admin: { moduleKey: 'phase-gate-admin', extension: { type: 'jira:adminPage' } },
    idea: {
      moduleKey: 'phase-gate-idea-panel',
      extension: {
        type: 'jira:issuePanel',
        issue: { key: 'OPS-305', id: '10305', type: 'Innovation Idea' },
        project: { key: 'OPS', id: '10000' },
      },
    },
    macro: {
      moduleKey: 'phase-gate-roadmap',
      extension: {
        type: 'macro',
        config: scenario === 'unconfigured' ? undefined : { project: 'OPS' },
        content: { id: '98765' },
        isEditing: false,
      },
    },
    'macro-config': {
      moduleKey: 'phase-gate-roadmap',
      extension: { type: 'macro', config: { project: 'PAY' }, content: { id: '98765' }, isEditing: true },
    },
  };

  function wait(value) {
    return new Promise(function (resolve) {
      window.setTimeout(function () {
        resolve(value);
      }, delay);
    });
  }

  var log = [];
  window.__PHASE_GATE_FIXTURE_LOG__ = log;

  window.__PHASE_GATE_PREVIEW__ = {
    invoke: function (name, payload) {
      log.push({ invoke: name, payload: payload });
      var fn = RESOLVERS[name];
      if (!fn) return wait({ error: { code: 'bad-request', message: 'unknown resolver ' + name } });
      return wait(JSON.parse(JSON.stringify(fn(payload || {}))));
    },
    view: {
      getContext: function () {
        return Promise.resolve(JSON.parse(JSON.stringify(CONTEXTS[surface] || CONTEXTS.project)));
      },
      submit: function (payload) {
        log.push({ submit: payload });
        document.title = 'submitted ' + JSON.stringify(payload);
        return Promise.resolve();
      },
      theme: {
        enable: function () {
          document.documentElement.setAttribute('data-color-mode', theme);
          document.documentElement.setAttribute('data-theme', theme + ':' + theme);
          return Promise.resolve();
        },
      },
      close: function () {
        log.push({ close: true });
        return Promise.resolve();
      },
    },
    router: {
      open: function (url) {
        log.push({ open: url });
        console.log('router.open', url);
        return Promise.resolve();
      },
      navigate: function (url) {
        log.push({ navigate: url });
        return Promise.resolve();
      },
    },
  };
})();
