// Start every GOV.UK Frontend component on the page (a file, not an inline module script, so
// the Content-Security-Policy can stay script-src 'self').
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
