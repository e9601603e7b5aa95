// Runs first thing in <body>, before the page is drawn, so the GOV.UK Frontend styles for
// JavaScript-enhanced components apply without a flash. A file, not an inline script, so
// the Content-Security-Policy can refuse every inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
