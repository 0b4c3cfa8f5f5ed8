// Copy permanent links: clause permalinks (¶) and the copy buttons of the stable-links table.
// Without JavaScript both still work as ordinary links / visible URLs.
(function () {
  function copy(text, el) {
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(text).then(function () {
      el.classList.add("hb-copied");
      setTimeout(function () { el.classList.remove("hb-copied"); }, 1500);
    }, function () { /* clipboard refused (insecure context): the link itself still works */ });
  }
  document.addEventListener("click", function (event) {
    var clauseLink = event.target.closest("a.hb-clause-link");
    if (clauseLink) {
      copy(new URL(clauseLink.getAttribute("href"), location.href).href, clauseLink);
      return; // let the browser follow the anchor as usual
    }
    var button = event.target.closest("button.hb-copy[data-copy]");
    if (button) copy(button.getAttribute("data-copy"), button);
  });
})();
