// Accessibility fixes that need the live page (tests/test_a11y.py runs axe on every page).
// Material wraps each table in a div that scrolls sideways when the table is wider than the text
// column. Keyboard users can scroll it only if it can take focus (axe: scrollable-region-focusable),
// so every wrapper that scrolls becomes a focusable region named after the table's caption.
(function () {
  var fallback = document.documentElement.lang === "ru" ? "Таблица" : "Table";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    return caption && caption.textContent.trim() ? caption.textContent.trim() : fallback;
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; update(); });
  }

  // document$ (Material) emits after each page's components, tables included, are mounted.
  if (window.document$) window.document$.subscribe(schedule);
  else document.addEventListener("DOMContentLoaded", schedule);
  window.addEventListener("resize", schedule);
})();
