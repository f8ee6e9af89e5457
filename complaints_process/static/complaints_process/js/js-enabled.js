// GOV.UK Frontend's body classes, set before the page is drawn (loaded at the top of <body>,
// not inline, so the Content-Security-Policy needs no 'unsafe-inline' or nonce for it).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
