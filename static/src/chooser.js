// Turn each chooser of the action list (a <select data-chooser-source>) into GOV.UK's
// accessible autocomplete, which asks the server for matches as someone types. The select
// stays in the form, hidden, and carries the chosen id: the filters in the address stay
// ids, and the page without scripts (a select of a bounded offer and a search box beside
// it, see actions/filters.py) works the same way. A file, never inline script: the
// Content-Security-Policy refuses inline code.
(function () {
  "use strict";
  if (!window.accessibleAutocomplete || !window.fetch) {
    return;
  }

  function labelOf(option) {
    // The first value is the chosen option's label, a string; suggestions are objects.
    if (typeof option === "string") {
      return option;
    }
    return option ? option.label : "";
  }

  function escaped(text) {
    // Suggestions are written as HTML: a plan's title must not be read as markup.
    var holder = document.createElement("div");
    holder.textContent = text;
    return holder.innerHTML;
  }

  function choose(select, option) {
    var value = String(option.id);
    var listed = Array.prototype.find.call(select.options, function (each) {
      return each.value === value;
    });
    if (!listed) {
      listed = new Option(option.label, value);
      select.add(listed);
    }
    select.value = value;
  }

  function askServer(select) {
    var latest = 0;
    return function (query, populate) {
      var asked = ++latest;
      var params = new URLSearchParams({ q: query });
      select.dataset.chooserNarrowedBy
        .split(" ")
        .filter(Boolean)
        .forEach(function (name) {
          var field = select.form.elements[name];
          if (field && field.value) {
            params.set(name, field.value);
          }
        });
      fetch(select.dataset.chooserSource + "?" + params, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .catch(function () {
          return { results: [] };
        })
        .then(function (answer) {
          // Answers can arrive out of order; only the latest question's is shown.
          if (asked === latest) {
            populate(answer.results);
          }
        });
    };
  }

  function enhance(select) {
    var id = select.id;
    var container = document.createElement("div");
    select.parentNode.insertBefore(container, select);
    select.id = id + "-select";
    select.hidden = true;
    window.accessibleAutocomplete({
      element: container,
      id: id,
      name: "",
      defaultValue: select.value ? select.options[select.selectedIndex].textContent : "",
      minLength: 1,
      source: askServer(select),
      templates: {
        inputValue: labelOf,
        suggestion: function (option) {
          return escaped(labelOf(option));
        },
      },
      onConfirm: function (option) {
        if (option && typeof option === "object") {
          choose(select, option);
        }
      },
      tNoResults: function () {
        return "Nothing found";
      },
      inputClasses: select.classList.contains("govuk-select--error")
        ? "autocomplete__input--error"
        : null,
    });
    var input = document.getElementById(id);
    var search = select.form.querySelector('[data-chooser-search="' + select.name + '"]');
    if (search) {
      search.remove();
    }
    // Emptying the box means any: the hidden select follows.
    select.form.addEventListener("submit", function () {
      if (!input.value.trim()) {
        select.value = "";
      }
    });
  }

  document.querySelectorAll("select[data-chooser-source]").forEach(enhance);
})();
