// Wagtail's rich text editors (Draftail) are text boxes without a name: the field's label
// points at a hidden input, and a StreamField text block has only its panel heading.  Each
// editor is named after the heading of the panel it is in ("Intro", "Text"), for those who
// hear the page rather than see it; editors added later (a new block) are named as they appear.
(function () {
  function name(editor) {
    if (editor.hasAttribute("aria-label") || editor.hasAttribute("aria-labelledby")) return;
    var panel = editor.closest("[data-panel], .w-panel, section");
    var heading = panel && panel.querySelector("[data-panel-heading]");
    if (!heading) return;
    var label = heading.querySelector("label, .c-sf-block__type") || heading;
    var text = label.textContent.replace(/\s+/g, " ").trim();
    if (text) editor.setAttribute("aria-label", text);
  }
  function nameAll() {
    document.querySelectorAll(".public-DraftEditor-content[role=textbox]").forEach(name);
  }
  function start() {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
