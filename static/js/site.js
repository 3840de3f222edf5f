/*
 * Maatschappelijke Waarde: progressive enhancement only.
 *
 * Every page works without this file: the display form and the formset buttons submit to
 * the server. This script makes them quicker and friendlier. It holds no user-visible
 * text of its own: all words come from the templates (data attributes), so that they are
 * translated with the rest of the site.
 *
 * 1. Display control   form[data-display-form]
 * 2. Formsets          [data-formset]
 * 3. Unsaved changes   form[data-warn-unsaved]
 * 4. Logging out       form[data-logout] (forgets text kept by autosave.js)
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

  /* An aria-live region; created empty at start-up so that later changes are announced. */
  function makeLiveRegion(parent) {
    var region = document.createElement("div");
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    parent.appendChild(region);
    return region;
  }

  function announce(region, text) {
    if (!region || !text) {
      return;
    }
    // Clear first, so the same sentence twice in a row is announced twice.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  function isFocusableField(el) {
    if (el.disabled || el.type === "hidden") {
      return false;
    }
    if (el.closest("[hidden]") || el.closest("[data-formset-delete]")) {
      return false;
    }
    return true;
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

  /* -------------------------------------------------------- 2. formsets */

  /*
   * <div data-formset data-prefix="rows"
   *      data-removed-text="..." data-undo-text="..."
   *      data-added-text="..." data-restored-text="...">     (last two optional)
   *   management form: <input type="hidden" name="rows-TOTAL_FORMS"> etc.
   *   <div data-formset-rows>
   *     <fieldset class="formset-row" data-formset-row>
   *       ...fields...
   *       <div data-formset-delete> DELETE checkbox + label </div>
   *       <button type="button" data-formset-remove hidden>...</button>
   *     </fieldset>
   *   </div>
   *   <template data-formset-empty> one row, with __prefix__ for the index </template>
   *   <button type="submit" name="add_row" value="1" data-formset-add>...</button>
   * </div>
   */
  function initFormset(container) {
    var prefix = container.getAttribute("data-prefix") || "form";
    var rowsList = container.querySelector("[data-formset-rows]") || container;
    var template = container.querySelector("template[data-formset-empty]");
    var addButton = container.querySelector("[data-formset-add]");
    var totalInput = container.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var maxInput = container.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var texts = {
      removed: container.getAttribute("data-removed-text") || "",
      undo: container.getAttribute("data-undo-text") || "",
      added: container.getAttribute("data-added-text") || "",
      restored: container.getAttribute("data-restored-text") || "",
    };
    var live = container.querySelector("[data-formset-status]") || makeLiveRegion(container);

    function deleteCheckbox(row) {
      return row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    }

    function notifyChange(el) {
      // Lets the unsaved-changes warning know that something changed.
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }

    /* Hide the DELETE checkbox and show the remove button instead. */
    function enhanceRow(row) {
      if (row.hasAttribute("data-formset-enhanced")) {
        return;
      }
      row.setAttribute("data-formset-enhanced", "");
      var wrapper = row.querySelector("[data-formset-delete]");
      var removeButton = row.querySelector("[data-formset-remove]");
      var checkbox = deleteCheckbox(row);
      if (!checkbox || !removeButton) {
        return; // No delete possible for this row: leave it as the server drew it.
      }
      if (wrapper && wrapper.contains(removeButton)) {
        // The button sits inside the wrapper: hide everything there except the button.
        Array.prototype.forEach.call(wrapper.children, function (child) {
          if (!child.contains(removeButton)) {
            child.hidden = true;
          }
        });
      } else if (wrapper) {
        wrapper.hidden = true;
      }
      removeButton.hidden = false;
      removeButton.addEventListener("click", function () {
        markRemoved(row, true);
      });
      if (checkbox.checked) {
        markRemoved(row, false);
      }
    }

    function markRemoved(row, byUser) {
      var checkbox = deleteCheckbox(row);
      checkbox.checked = true;
      row.classList.add("is-removed");
      Array.prototype.forEach.call(row.children, function (child) {
        if (child.tagName === "LEGEND" || child.hidden) {
          return;
        }
        if (child.matches('input[type="hidden"]')) {
          return;
        }
        child.hidden = true;
        child.setAttribute("data-formset-hidden", "");
      });
      // Hidden fields must not block the form with browser validation.
      Array.prototype.forEach.call(row.querySelectorAll("[required]"), function (field) {
        field.removeAttribute("required");
        field.setAttribute("data-formset-required", "");
      });

      var note = document.createElement("div");
      note.className = "formset-removed-note";
      note.setAttribute("data-formset-note", "");
      var text = document.createElement("p");
      text.textContent = texts.removed;
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "btn btn-outline-secondary";
      undo.textContent = texts.undo;
      undo.addEventListener("click", function () {
        restore(row);
      });
      note.appendChild(text);
      note.appendChild(undo);
      row.appendChild(note);

      if (byUser) {
        notifyChange(checkbox);
        undo.focus();
        announce(live, texts.removed);
      }
    }

    function restore(row) {
      var checkbox = deleteCheckbox(row);
      checkbox.checked = false;
      row.classList.remove("is-removed");
      var note = row.querySelector("[data-formset-note]");
      if (note) {
        note.remove();
      }
      Array.prototype.forEach.call(row.querySelectorAll("[data-formset-hidden]"), function (el) {
        el.hidden = false;
        el.removeAttribute("data-formset-hidden");
      });
      Array.prototype.forEach.call(row.querySelectorAll("[data-formset-required]"), function (el) {
        el.setAttribute("required", "");
        el.removeAttribute("data-formset-required");
      });
      notifyChange(checkbox);
      var removeButton = row.querySelector("[data-formset-remove]");
      if (removeButton) {
        removeButton.focus();
      }
      announce(live, texts.restored);
    }

    function addRow(event) {
      var total = parseInt(totalInput.value, 10) || 0;
      var max = maxInput ? parseInt(maxInput.value, 10) : NaN;
      if (!isNaN(max) && total >= max) {
        return; // Let the server explain that there are too many rows.
      }
      event.preventDefault();
      var holder = document.createElement("template");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(total));
      var row = holder.content.querySelector("[data-formset-row]");
      if (!row) {
        return;
      }
      rowsList.appendChild(holder.content);
      totalInput.value = String(total + 1);
      enhanceRow(row);
      var fields = row.querySelectorAll("input, select, textarea");
      var first = Array.prototype.find.call(fields, isFocusableField);
      if (first) {
        first.focus();
      }
      announce(live, texts.added);
    }

    if (!totalInput) {
      return;
    }
    Array.prototype.forEach.call(
      container.querySelectorAll("[data-formset-row]"),
      enhanceRow
    );
    if (addButton && template) {
      addButton.addEventListener("click", addRow);
    }
  }

  /* -------------------------------------------------- 3. unsaved changes */

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

  /* ---------------------------------------------------------------- logging out */

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
    Array.prototype.forEach.call(document.querySelectorAll("[data-formset]"), initFormset);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-warn-unsaved]"), initUnsavedWarning);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-logout]"), initLogout);
  });
})();
