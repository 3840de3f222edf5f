/*
 * Typed text kept in this browser until it is saved: a step form with data-autosave="<key>"
 * writes its text fields to localStorage while someone types, so an expired session, a
 * closed tab or a crash loses nothing. Opening the step again offers the text back with a
 * clear message ("Terugzetten" / "Weggooien"); sending the form forgets it.
 *
 * Only the step editor uses this (the Verandertheorie's own text). Stories and notes, which
 * can name residents, are never kept in the browser. The words come from the form's data
 * attributes, so they are translated with the site.
 */
(function () {
  "use strict";

  var PREFIX = "mw-concept:";
  var PAUSE_MS = 600;

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function textFields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("textarea, input[type=text], input[type=number], input:not([type])"),
      function (field) { return field.name && !field.readOnly && !field.disabled; }
    );
  }

  function values(form) {
    var result = {};
    textFields(form).forEach(function (field) { result[field.name] = field.value; });
    return result;
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function write(key, data) {
    try {
      window.localStorage.setItem(key, JSON.stringify(data));
    } catch (error) {
      /* storage full or switched off: the form still works */
    }
  }

  function forget(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      /* nothing to do */
    }
  }

  function differs(stored, current) {
    return Object.keys(stored).some(function (name) {
      return name in current && stored[name] !== current[name];
    });
  }

  function offer(form, key, stored) {
    var box = document.createElement("div");
    box.className = "alert alert-warning autosave-offer";
    box.setAttribute("role", "alert");
    var text = document.createElement("p");
    var when = new Date(stored.at);
    text.textContent = form.dataset.autosaveText.replace(
      "{when}", when.toLocaleString(document.documentElement.lang || undefined)
    );
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "btn btn-primary me-2";
    restore.textContent = form.dataset.autosaveRestore;
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-outline-secondary";
    discard.textContent = form.dataset.autosaveDiscard;
    box.appendChild(text);
    box.appendChild(restore);
    box.appendChild(discard);
    form.parentNode.insertBefore(box, form);

    restore.addEventListener("click", function () {
      textFields(form).forEach(function (field) {
        if (field.name in stored.values) {
          field.value = stored.values[field.name];
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      box.remove();
      var first = textFields(form)[0];
      if (first) { first.focus(); }
    });
    discard.addEventListener("click", function () {
      forget(key);
      box.remove();
    });
    restore.focus();
  }

  ready(function () {
    var form = document.querySelector("form[data-autosave]");
    if (!form || !window.localStorage) {
      return;
    }
    var key = PREFIX + form.dataset.autosave;
    var stored = read(key);
    if (stored && stored.values && differs(stored.values, values(form))) {
      offer(form, key, stored);
    } else if (stored) {
      forget(key);
    }
    var timer = null;
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        write(key, { at: Date.now(), values: values(form) });
      }, PAUSE_MS);
    });
    form.addEventListener("submit", function () {
      window.clearTimeout(timer);
      forget(key);
    });
  });
})();
