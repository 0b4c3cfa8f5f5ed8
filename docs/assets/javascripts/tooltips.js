// Tooltips in the text: a glossary term's short definition, an abbreviation's expansion, "link to
// clause 2.5". They replace Material's `content.tooltips`, which mounts every titled element
// while the page loads (measured: most of Lighthouse's Total Blocking Time on the job instruction,
// see README "Tests and budgets"). This script does nothing until a reader points at or tabs to
// such an element. It reuses Material's tooltip styles (.md-tooltip2), so tooltips look the same.
// Without JavaScript the title attribute still gives the browser's own tooltip.
(function () {
  var TITLED = ".md-content [title], .md-content [data-hb-tip]";
  var tip = null, inner = null, host = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "hb-tooltip";
      tip.className = "md-tooltip2 md-tooltip2--bottom";
      tip.setAttribute("role", "tooltip");
      inner = document.createElement("div");
      inner.className = "md-tooltip2__inner md-typeset";
      tip.appendChild(inner);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(el) {
    // The title moves into a data attribute, so the browser's own tooltip does not cover ours.
    if (el.hasAttribute("title")) {
      el.setAttribute("data-hb-tip", el.getAttribute("title"));
      el.removeAttribute("title");
    }
    var text = el.getAttribute("data-hb-tip");
    if (!text) return;
    if (host && host !== el) hide();
    tooltip();
    inner.textContent = text;
    // Material's variables: the host's page position, the tail under the host's centre, and the
    // tooltip's width (its CSS keeps it inside the viewport).
    var box = el.getBoundingClientRect();
    tip.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    tip.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    tip.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    tip.style.setProperty("--md-tooltip-y", box.height + 8 + "px");
    tip.style.setProperty("--md-tooltip-tail", "0px");
    tip.style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
    tip.classList.add("md-tooltip2--active");
    el.setAttribute("aria-describedby", tip.id);
    host = el;
  }

  function hide() {
    if (!host) return;
    tip.classList.remove("md-tooltip2--active");
    host.removeAttribute("aria-describedby");
    host = null;
  }

  function titled(target) {
    return target instanceof Element ? target.closest(TITLED) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var el = titled(event.target);
    if (el && el !== host) show(el);
  });
  document.addEventListener("mouseout", function (event) {
    if (host && titled(event.target) === host && !host.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("focusin", function (event) {
    var el = titled(event.target);
    if (el) show(el);
  });
  document.addEventListener("focusout", function (event) {
    if (host && titled(event.target) === host) hide();
  });
  // WCAG 1.4.13: a tooltip can be dismissed without moving the pointer or the focus.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("resize", hide);
})();
