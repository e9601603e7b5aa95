// Build static/dist from npm packages: compile our Sass over GOV.UK Frontend and copy
// the few scripts we serve. No CDN: whitenoise serves what this writes.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const dist = join(root, "static", "dist");
mkdirSync(dist, { recursive: true });

const css = sass.compile(join(root, "static", "src", "app.scss"), {
  loadPaths: [join(modules, "govuk-frontend", "dist")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions"],
});
writeFileSync(join(dist, "app.css"), css.css);

// Scripts that end with a sourceMappingURL come with their map: whitenoise's manifest
// storage follows that reference, and collectstatic fails if the map is missing.
const copies = {
  "govuk-frontend/dist/govuk/govuk-frontend.min.js": "govuk-frontend.min.js",
  "govuk-frontend/dist/govuk/govuk-frontend.min.js.map": "govuk-frontend.min.js.map",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  "chart.js/dist/chart.umd.min.js": "chart.umd.min.js",
  "chart.js/dist/chart.umd.min.js.map": "chart.umd.min.js.map",
  "accessible-autocomplete/dist/accessible-autocomplete.min.js": "accessible-autocomplete.min.js",
  "accessible-autocomplete/dist/accessible-autocomplete.min.js.map":
    "accessible-autocomplete.min.js.map",
  "accessible-autocomplete/dist/accessible-autocomplete.min.css": "accessible-autocomplete.min.css",
  "accessible-autocomplete/dist/accessible-autocomplete.min.css.map":
    "accessible-autocomplete.min.css.map",
};
for (const [from, to] of Object.entries(copies)) {
  copyFileSync(join(modules, from), join(dist, to));
}
// Our own scripts: files, never inline, so the Content-Security-Policy refuses inline code.
for (const name of ["js-enabled.js", "init.js", "meeting-pack.js", "chooser.js", "admin.css"]) {
  copyFileSync(join(root, "static", "src", name), join(dist, name));
}
console.log(`Built ${dist}`);
