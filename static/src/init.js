// Start GOV.UK Frontend's components. The script's own tag names the (hashed) address of
// govuk-frontend.min.js, so the module is found under whatever name collectstatic gave it.
const tag = document.querySelector("script[data-govuk-frontend]");
if (tag) {
  import(tag.dataset.govukFrontend).then(({ initAll }) => initAll());
}
