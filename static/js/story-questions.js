/*
 * A story's questions one at a time: "Volgende vraag" and "Vorige vraag" move between the
 * fieldsets of a form marked data-questions; the save button shows on the last question.
 *
 * Progressive enhancement only: without this file every question is on the page at once
 * and the form works the same. A form shown again with a mistake opens at the first
 * question with an error, so the message is in view.
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

  ready(function () {
    var form = document.querySelector("form[data-questions]");
    if (!form) {
      return;
    }
    var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
    var submit = form.querySelector("[data-question-submit]");
    var current = 0;
    questions.forEach(function (question, index) {
      if (current === 0 && question.querySelector(".is-invalid, .invalid-feedback")) {
        current = index;
      }
      question.querySelector("[data-question-nav]").hidden = false;
    });

    function show(index, focus) {
      current = index;
      questions.forEach(function (question, i) {
        question.hidden = i !== index;
      });
      submit.hidden = index !== questions.length - 1;
      if (focus) {
        var first = questions[index].querySelector("input:not([type=hidden]), textarea, select");
        (first || questions[index]).focus();
      }
    }

    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-question-next]")) {
        show(Math.min(current + 1, questions.length - 1), true);
      } else if (event.target.closest("[data-question-back]")) {
        show(Math.max(current - 1, 0), true);
      }
    });
    // The error summary's links lead into questions that may be hidden: open that one.
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      var question = target && target.closest("[data-question]");
      if (question) {
        show(questions.indexOf(question), false);
      }
    });
    show(current, false);
  });
})();
