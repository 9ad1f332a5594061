/* LSI portal: small progressive enhancements (no inline scripts: the CSP forbids them).
 *
 * Wide tables scroll inside their own container (.lsi-table-scroll) instead of the page.
 * A container that actually scrolls becomes keyboard-focusable and gets a name, so keyboard
 * users can scroll it too (WCAG 2.1.1); one that fits is left out of the tab order.
 */
(function () {
  "use strict";

  function nameOf(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var el = table.parentElement;
    while (el && el !== document.body) {
      var sibling = el.previousElementSibling;
      while (sibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) return sibling.textContent.trim();
        sibling = sibling.previousElementSibling;
      }
      el = el.parentElement;
    }
    return document.title;
  }

  function wrap(table) {
    var parent = table.parentElement;
    if (parent && parent.classList.contains("lsi-table-scroll")) return parent;
    var box = document.createElement("div");
    box.className = "lsi-table-scroll";
    parent.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  function update(box) {
    var table = box.querySelector("table");
    if (!table) return;
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", nameOf(table));
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function all() {
    var boxes = [];
    document.querySelectorAll("table.utrecht-table").forEach(function (table) {
      boxes.push(wrap(table));
    });
    boxes.forEach(update);
  }

  var pending = null;
  function later() {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(all);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();

/* A print button (shown only when scripts run): the recovery codes page. */
(function () {
  "use strict";
  document.querySelectorAll("[data-lsi-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

/* A form that comes back with errors: its summary at the top takes the focus, so that keyboard
   and screen-reader users start at the list of what to correct (each item links to its field). */
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector(".lsi-error-summary");
    if (!summary) return;
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
