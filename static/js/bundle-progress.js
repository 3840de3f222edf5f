/*
 * The ZIP of fact sheets: follow its progress without reloading the page.
 *
 * Progressive enhancement only: without this file the page shows the progress at the time
 * it was loaded and a "Vernieuwen" link. All words come from the server (the template and
 * the JSON), so they are translated with the rest of the site.
 *
 * <section data-bundle-progress data-progress-url="/gemeente/feitenbladen/<id>/voortgang/"
 *          data-status="queued|running|ready|failed">
 *   <progress data-bundle-bar max="12" value="3">
 *   <div role="status" aria-live="polite">
 *     <strong data-bundle-status>Bezig</strong>: <span data-bundle-text>3 van 12 …</span>
 *   </div>
 *   <div data-bundle-ready hidden><a data-bundle-link href=""> … <span data-bundle-size>
 *   <p data-bundle-refresh> <span data-bundle-manual> … <a>Vernieuwen</a></span>
 *                           <span data-bundle-auto hidden> … </span></p>
 * </section>
 *
 * Every 2 seconds it asks the JSON ({status, status_label, done, total, text, ready,
 * download_url, size}) and updates the bar and the sentence, which the status region reads
 * out. When the ZIP is ready it shows the download link; when the server has more to say
 * (it failed, or it is ready but no longer downloadable) it reloads the page.
 */
(function () {
  "use strict";

  var INTERVAL_MS = 2000;
  var BUSY = ["queued", "running"];

  function init(section) {
    var url = section.getAttribute("data-progress-url");
    if (!url || BUSY.indexOf(section.getAttribute("data-status")) === -1) {
      return;
    }
    var bar = section.querySelector("[data-bundle-bar]");
    var statusLabel = section.querySelector("[data-bundle-status]");
    var text = section.querySelector("[data-bundle-text]");
    var readyBlock = section.querySelector("[data-bundle-ready]");
    var link = section.querySelector("[data-bundle-link]");
    var size = section.querySelector("[data-bundle-size]");
    var refresh = section.querySelector("[data-bundle-refresh]");
    var lastText = text ? text.textContent : "";
    var failures = 0;

    var manual = section.querySelector("[data-bundle-manual]");
    var auto = section.querySelector("[data-bundle-auto]");

    // The page now updates itself: say so, instead of asking to refresh.
    function updatesItself(yes) {
      if (manual) {
        manual.hidden = yes;
      }
      if (auto) {
        auto.hidden = !yes;
      }
    }
    updatesItself(true);

    function show(data) {
      if (bar) {
        bar.max = Math.max(data.total, 1);
        bar.value = data.done;
        bar.textContent = data.text;
      }
      // Only touch the live region when something changed, so it is not read out again.
      if (text && data.text !== lastText) {
        text.textContent = data.text;
        lastText = data.text;
      }
      if (statusLabel && statusLabel.textContent !== data.status_label) {
        statusLabel.textContent = data.status_label;
      }
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("progress " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          show(data);
          if (BUSY.indexOf(data.status) !== -1) {
            window.setTimeout(poll, INTERVAL_MS);
          } else if (data.ready && readyBlock && link) {
            link.href = data.download_url;
            if (size) {
              size.textContent = data.size;
            }
            readyBlock.hidden = false;
            if (refresh) {
              refresh.hidden = true;
            }
          } else {
            // Failed, or ready but not downloadable: the page explains and offers a retry.
            window.location.reload();
          }
        })
        .catch(function () {
          // A network hiccup: try a few more times, slower; then show the refresh link again.
          failures += 1;
          if (failures < 5) {
            window.setTimeout(poll, INTERVAL_MS * (failures + 1));
          } else {
            updatesItself(false);
          }
        });
    }

    window.setTimeout(poll, INTERVAL_MS);
  }

  function onReady(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  onReady(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-bundle-progress]"), init);
  });
})();
