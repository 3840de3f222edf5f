/*
 * The logbook week: large − and + buttons beside each number field.
 *
 * Progressive enhancement only: the number field is the real input and the page works
 * without this file (the buttons stay hidden). All words come from the template (the
 * buttons' hidden text and the field's label), so they are translated with the site.
 *
 * <div data-stepper>
 *   <label for="id_count_7">Hulpvragen</label>
 *   <button type="button" data-stepper-step="-1" hidden>−</button>
 *   <input type="number" id="id_count_7" min="0" max="10000">
 *   <button type="button" data-stepper-step="1" hidden>+</button>
 * </div>
 *
 * A press adds or takes one (an empty field counts as 0, never below `min` or above `max`)
 * and says the new number in a status region, as the focus stays on the button.
 */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function makeLiveRegion(parent) {
    var region = document.createElement("div");
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    parent.appendChild(region);
    return region;
  }

  function bound(input, name, fallback) {
    var value = parseInt(input.getAttribute(name), 10);
    return isNaN(value) ? fallback : value;
  }

  function initStepper(group) {
    var input = group.querySelector("input[type=number]");
    if (!input) {
      return;
    }
    var label = group.querySelector("label[for='" + input.id + "']");
    var region = makeLiveRegion(group);

    Array.prototype.forEach.call(group.querySelectorAll("[data-stepper-step]"), function (button) {
      var step = parseInt(button.getAttribute("data-stepper-step"), 10);
      button.hidden = false;
      button.addEventListener("click", function () {
        var current = parseInt(input.value, 10);
        if (isNaN(current)) {
          current = 0;
        }
        var next = current + step;
        next = Math.max(bound(input, "min", 0), Math.min(bound(input, "max", Infinity), next));
        input.value = String(next);
        // As if typed: the form's unsaved-changes warning listens for these.
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
        region.textContent = (label ? label.textContent.trim() + ": " : "") + next;
      });
    });
  }

  ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-stepper]"), initStepper);
  });
})();
