/* Rapport guide: instant search as you type, and one-click selection of a
 * reflection prompt. Progressive enhancement only: without this script the
 * search form posts a GET to /guide/search and the prompts can be selected by
 * hand. Built with DOM methods and textContent only, never innerHTML. */
/* global document, window, fetch, AbortController */
(function () {
  'use strict';

  document.querySelectorAll('textarea.guide-prompt').forEach(function (box) {
    box.addEventListener('focus', function () {
      box.select();
    });
  });

  var form = document.querySelector('form[data-guide-search]');
  var input = document.getElementById('guide-q');
  var out = document.getElementById('guide-instant');
  if (!form || !input || !out) return;

  var original = Array.prototype.slice.call(out.childNodes);
  var timer = 0;
  var pending = null;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function show(query, results) {
    out.replaceChildren();
    if (results.length === 0) {
      out.appendChild(el('p', 'Nothing in the guide matches “' + query + '”. Try fewer or different words.'));
      return;
    }
    out.appendChild(
      el('h2', results.length + (results.length === 1 ? ' answer' : ' answers') + ' for “' + query + '”'),
    );
    var list = el('ol', '', 'guide-questions');
    results.forEach(function (r) {
      var item = el('li');
      var link = el('a', r.question);
      link.href = r.href;
      item.appendChild(link);
      item.appendChild(el('span', ' · ' + r.chapterTitle, 'muted'));
      item.appendChild(el('p', r.summary, 'guide-summary'));
      list.appendChild(item);
    });
    out.appendChild(list);
  }

  function run() {
    var query = input.value.trim();
    if (pending) pending.abort();
    if (query === '') {
      out.replaceChildren.apply(out, original);
      return;
    }
    pending = new AbortController();
    fetch('/guide/search.json?q=' + encodeURIComponent(query), {
      signal: pending.signal,
      headers: { accept: 'application/json' },
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        if (body && input.value.trim() === query) show(query, body.results);
      })
      .catch(function () {
        /* Offline or aborted: the form still works by pressing Search. */
      });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
})();
