/*
 * The "kort gezegd" line of a step: a live character count and a button that takes the
 * suggestion from the answer into the field.
 *
 * Progressive enhancement only: without this file the field still has its limit (the
 * server checks it, and says so in the text under the field). The words come from the
 * template's data attributes, so they are translated with the site. The count is shown at
 * once and told to screen readers only after a pause in typing, so it does not interrupt.
 *
 * <div data-short-line-box data-limit="90" data-left-text="… {count} … {limit} …"
 *      data-over-text="… {count} …">
 *   <input data-short-line maxlength="90">
 *   <p data-short-line-count>…</p>
 *   <span data-short-line-suggestion>…</span> <button data-short-line-use hidden>…</button>
 * </div>
 */
(function () {
  "use strict";

  var PAUSE_MS = 1000;

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_match, name) {
      return String(values[name]);
    });
  }

  function setUp(box) {
    var input = box.querySelector("[data-short-line]");
    var count = box.querySelector("[data-short-line-count]");
    if (!input || !count) {
      return;
    }
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    // Typing or pasting past the limit is allowed, and then said: a hard stop cuts a pasted
    // sentence without a word of explanation.
    input.removeAttribute("maxlength");
    // The count belongs to the field, as its help text does.
    count.id = input.id + "-telling";
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    box.appendChild(live);
    var timer = null;

    function message() {
      var length = input.value.length;
      if (length > limit) {
        return fill(box.getAttribute("data-over-text"), { count: length - limit });
      }
      return fill(box.getAttribute("data-left-text"), { count: limit - length, limit: limit });
    }

    function update(announce) {
      var text = message();
      count.textContent = text;
      count.classList.toggle("is-over", input.value.length > limit);
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          live.textContent = text;
        }, PAUSE_MS);
      }
    }

    input.addEventListener("input", function () {
      update(true);
    });
    update(false);

    var use = box.querySelector("[data-short-line-use]");
    var suggestion = box.querySelector("[data-short-line-suggestion]");
    if (use && suggestion) {
      use.hidden = false;
      use.addEventListener("click", function () {
        input.value = suggestion.textContent;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.focus();
      });
    }
  }

  ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-short-line-box]"), setUp);
  });
})();
