/* global window, document, URLSearchParams */
/**
 * The local preview's bridge: defines window.__PHASE_GATE_PREVIEW__ (the shape of PhaseGatePreviewBridge in
 * static/src/bridge.ts) before the Custom UI's module script runs. Served by src/preview/server.ts as
 * /preview-bridge.js and loaded by a <script> tag the server adds to the built index.html (no inline script).
 *
 * The surface and the viewing user come from this page's query: ?surface=project|settings|admin|idea|macro|
 * macro-config &project=KEY &issue=KEY &macro=ID &as=admin|lead|staff &theme=light|dark &locale=de-DE|en-GB (&badge=0 hides the badge).
 */
(function () {
  'use strict';
  var query = new URLSearchParams(window.location.search);
  var KEYS = ['surface', 'project', 'issue', 'macro'];
  var surface = {};
  KEYS.forEach(function (k) {
    var v = query.get(k);
    if (v) surface[k] = v;
  });
  if (!surface.surface) {
    surface.surface =
      document.documentElement.getAttribute('data-phase-gate-resource') === 'macro-config'
        ? 'macro-config'
        : 'project';
  }
  var as = query.get('as') || '';
  var theme = query.get('theme') === 'dark' ? 'dark' : 'light';

  /** Query parameters that follow the user from page to page. */
  function carry(params) {
    if (as) params.set('as', as);
    if (theme === 'dark') params.set('theme', 'dark');
    if (query.get('badge') === '0') params.set('badge', '0');
    if (query.get('locale')) params.set('locale', query.get('locale'));
    return params;
  }

  function surfaceQuery() {
    var p = new URLSearchParams();
    KEYS.forEach(function (k) {
      if (surface[k]) p.set(k, surface[k]);
    });
    return carry(p);
  }

  function readAnswer(res) {
    return res.text().then(function (text) {
      var body;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      if (!res.ok) {
        var message = body && body.message ? body.message : 'the preview server answered ' + res.status;
        throw new Error(message);
      }
      return body;
    });
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(readAnswer);
  }

  /** The page of the macro instance this config dialog belongs to. */
  function macroViewUrl() {
    var p = new URLSearchParams();
    p.set('surface', 'macro');
    if (surface.macro) p.set('macro', surface.macro);
    return '/main/?' + carry(p).toString();
  }

  /** Product URLs (/browse/OPS-1, /jira/…) open the preview's issue view; others open as they are. */
  function productUrl(url) {
    if (typeof url !== 'string' || url === '') return '/';
    if (url.charAt(0) !== '/') return url;
    var sep = url.indexOf('?') >= 0 ? '&' : '?';
    var extra = carry(new URLSearchParams()).toString();
    return extra ? url + sep + extra : url;
  }

  window.__PHASE_GATE_PREVIEW__ = {
    invoke: function (functionKey, payload) {
      return post('/api/invoke', {
        functionKey: functionKey,
        payload: payload || {},
        surface: Object.assign({}, surface, query.get('locale') ? { locale: query.get('locale') } : {}),
        as: as,
      }).then(function (body) {
        return body ? body.result : undefined;
      });
    },
    view: {
      getContext: function () {
        return fetch('/api/context?' + surfaceQuery().toString()).then(readAnswer);
      },
      submit: function (payload) {
        if (surface.surface !== 'macro-config') {
          return Promise.reject(new Error('view.submit is for the macro config dialog'));
        }
        var config = payload && typeof payload === 'object' && 'config' in payload ? payload.config : payload;
        return post('/api/macro-config', { macro: surface.macro || '', config: config }).then(function () {
          window.location.assign(macroViewUrl());
        });
      },
      theme: {
        enable: function () {
          var root = document.documentElement;
          root.setAttribute('data-color-mode', theme);
          root.setAttribute('data-theme', 'light:light dark:dark spacing:spacing typography:typography');
          return Promise.resolve();
        },
      },
      close: function () {
        if (surface.surface === 'macro-config') window.location.assign(macroViewUrl());
        return Promise.resolve();
      },
    },
    router: {
      open: function (url) {
        window.open(productUrl(url), '_blank', 'noopener');
        return Promise.resolve();
      },
      navigate: function (url) {
        window.location.assign(productUrl(url));
        return Promise.resolve();
      },
    },
  };

  // A small badge: who is viewing, and the way back to the list of surfaces. Styled by /preview-bridge.css.
  if (query.get('badge') !== '0') {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/preview-bridge.css';
    document.head.appendChild(link);
    var addBadge = function () {
      var badge = document.createElement('aside');
      badge.className = 'phase-gate-preview-badge';
      badge.setAttribute('aria-label', 'Local preview');
      var text = document.createElement('span');
      text.textContent = 'Preview' + (as ? ' \u00b7 viewing as ' + as : '');
      var back = document.createElement('a');
      back.href = '/?' + carry(new URLSearchParams()).toString();
      back.textContent = 'All surfaces';
      badge.appendChild(text);
      badge.appendChild(back);
      document.body.appendChild(badge);
    };
    if (document.body) addBadge();
    else document.addEventListener('DOMContentLoaded', addBadge);
  }
})();
