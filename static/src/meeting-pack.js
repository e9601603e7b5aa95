// Print the meeting pack's partnership, plan and date in the footer of every page, beside
// the page number. An @page margin box shows only text written in a style sheet, and the
// Content-Security-Policy refuses inline style, so the rule is added to our own style sheet
// through the CSSOM, with the text the page gives in data-print-footer. Without scripts
// the same text prints once, at the end of the pack.
(function () {
  "use strict";
  var pack = document.querySelector("[data-print-footer]");
  var link = document.querySelector('link[rel="stylesheet"][href*="app"]');
  if (!pack || !link || !link.sheet) {
    return;
  }
  var text = JSON.stringify(pack.getAttribute("data-print-footer"));
  var rule =
    "@page meeting-pack { @bottom-left { content: " +
    text +
    "; font-family: system-ui, Arial, sans-serif; font-size: 8pt; } }";
  try {
    link.sheet.insertRule(rule, link.sheet.cssRules.length);
    document.documentElement.classList.add("app-print-footer-set");
  } catch (error) {
    // The footer line at the end of the pack stays.
  }
})();
