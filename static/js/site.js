/*
 * Maatschappelijke Waarde: progressive enhancement only.
 *
 * Every page works without this file: the display form submits to the server. This script makes them quicker and friendlier. It holds no user-visible
 * text of its own: all words come from the templates (data attributes), so that they are
 * translated with the rest of the site.
 *
 * 1. Display control   form[data-display-form]
 * 2. Unsaved changes   form[data-warn-unsaved]
 * 3. Logging out       form[data-logout] (forgets text kept by autosave.js)
 */
(function () {
  "use strict";

  /* ------------------------------------------------------------ helpers */

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  /* ---------------------------------------------------- 1. display control */

  /*
   * <form data-display-form method="post" action="/weergave/">
   *   csrf token, hidden "next"
   *   <input type="radio" name="text_size" value="large" data-display-class="text-size-large">
   *   <input type="radio" name="spacing" value="wide" data-display-class="spacing-wide">
   *   <button type="submit" data-display-submit>...</button>
   * </form>
   *
   * On change: swap the class on <html> at once, then post the form in the background so
   * the view sets the cookies. The submit button is hidden, as it is not needed any more.
   */
  function initDisplayForm(form) {
    var root = document.documentElement;
    var submit = form.querySelector("[data-display-submit]");

    function applyClass(input) {
      var group = form.querySelectorAll('input[name="' + input.name + '"][data-display-class]');
      Array.prototype.forEach.call(group, function (other) {
        root.classList.remove(other.getAttribute("data-display-class"));
      });
      root.classList.add(input.getAttribute("data-display-class"));
    }

    function save() {
      var data = new FormData(form);
      var tokenInput = form.querySelector('input[name="csrfmiddlewaretoken"]');
      var headers = { "X-Requested-With": "fetch" };
      if (tokenInput) {
        headers["X-CSRFToken"] = tokenInput.value;
      }
      // The view answers with a redirect that sets the cookies; the browser stores them
      // even though we do not follow the redirect.
      return fetch(form.action, {
        method: "POST",
        body: data,
        headers: headers,
        credentials: "same-origin",
        redirect: "manual",
      }).then(function (response) {
        if (response.type !== "opaqueredirect" && !response.ok) {
          throw new Error("display preferences not saved: " + response.status);
        }
      });
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.matches("input[type=radio][data-display-class]")) {
        return;
      }
      applyClass(input);
      save().catch(function () {
        // Could not save in the background: fall back to an ordinary form post.
        form.submit();
      });
    });

    if (submit) {
      submit.hidden = true;
    }
  }

  /*
   * <details data-site-settings open>: the toolbar with the display and language forms.
   * Open without JavaScript; folded on narrow screens (phones, or 200% zoom) and opened
   * again when the window becomes wide.
   */
  function initSettingsToolbar(details) {
    if (!window.matchMedia) {
      return;
    }
    var narrow = window.matchMedia("(max-width: 767.98px)");
    function sync() {
      details.open = !narrow.matches;
    }
    sync();
    if (narrow.addEventListener) {
      narrow.addEventListener("change", sync);
    }
  }

  /* -------------------------------------------------- 2. unsaved changes */

  /*
   * <form data-warn-unsaved>: once a field changes, leaving the page asks for confirmation
   * (the browser shows its own text). Submitting the form clears the warning.
   */
  function initUnsavedWarning(form) {
    var dirty = false;

    function onBeforeUnload(event) {
      event.preventDefault();
      event.returnValue = "";
      return "";
    }

    function markDirty() {
      if (!dirty) {
        dirty = true;
        // Only listen while needed: a beforeunload handler stops the back/forward cache.
        window.addEventListener("beforeunload", onBeforeUnload);
      }
    }

    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () {
      dirty = false;
      window.removeEventListener("beforeunload", onBeforeUnload);
    });
  }

  /* ---------------------------------------------------------------- 3. logging out */

  /*
   * <form data-logout>: text kept in this browser by autosave.js ("mw-concept:…") goes
   * when someone logs out, so the next person at a shared computer does not get it offered.
   */
  function initLogout(form) {
    form.addEventListener("submit", function () {
      try {
        Object.keys(window.localStorage)
          .filter(function (key) { return key.indexOf("mw-concept:") === 0; })
          .forEach(function (key) { window.localStorage.removeItem(key); });
      } catch (error) {
        /* storage switched off: nothing kept */
      }
    });
  }

  /* ---------------------------------------------------------------- start */

  ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-site-settings]"), initSettingsToolbar);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-display-form]"), initDisplayForm);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-warn-unsaved]"), initUnsavedWarning);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-logout]"), initLogout);
  });
})();
