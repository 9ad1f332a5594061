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

/* A form marked data-lsi-busy is sent once: after the first submit its buttons are disabled and
   the pressed one says what the attribute says ("Bezig met versturen…"), so a double click does
   not send a large file twice. The pressed button's name and value still go with the form. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-lsi-busy")) return;
    if (form.getAttribute("data-lsi-sent") === "true") {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;
    form.setAttribute("data-lsi-sent", "true");
    var pressed = event.submitter;
    if (pressed && pressed.name) {
      var carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = pressed.name;
      carried.value = pressed.value;
      form.appendChild(carried);
    }
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
      if (pressed) {
        pressed.setAttribute("data-lsi-label", pressed.textContent);
        pressed.textContent = form.getAttribute("data-lsi-busy");
      }
      form.setAttribute("aria-busy", "true");
    }, 0);
  });
  /* Back in the browser's history: the page may come from its cache with the buttons disabled. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-lsi-sent]").forEach(function (form) {
      form.removeAttribute("data-lsi-sent");
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button, input[type=submit]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
        if (button.hasAttribute("data-lsi-label")) {
          button.textContent = button.getAttribute("data-lsi-label");
          button.removeAttribute("data-lsi-label");
        }
      });
    });
  });
})();

/* "(verplicht)" beside a field that a choice makes required (data-lsi-required-when names the
   choice's field, data-lsi-required-values the values that make it required). The server marks
   them for the choice it rendered; here they follow a new choice without a page load. */
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-lsi-required-when]").forEach(function (mark) {
      var name = mark.getAttribute("data-lsi-required-when");
      var values = (mark.getAttribute("data-lsi-required-values") || "").split(" ");
      var chosen = form.querySelector("[name='" + name + "']:checked") ||
        form.querySelector("select[name='" + name + "']");
      mark.hidden = !(chosen && values.indexOf(chosen.value) !== -1);
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.querySelector("[data-lsi-required-when='" + event.target.name + "']")) update(form);
  });
})();

/* The count of chosen addresses in the sticky action bar follows the check boxes. */
(function () {
  "use strict";
  document.querySelectorAll("[data-lsi-chosen-count]").forEach(function (count) {
    var form = count.closest("form");
    var name = count.getAttribute("data-lsi-chosen-count");
    function update() {
      // Addresses chosen on other pages (kept by the server) count too.
      var n = parseInt(count.getAttribute("data-lsi-chosen-base") || "0", 10) +
        form.querySelectorAll("input[type=checkbox][name='" + name + "']:checked").length;
      count.textContent = n === 1 ? count.getAttribute("data-lsi-one")
        : count.getAttribute("data-lsi-many").replace("__N__", String(n));
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === name) update();
    });
  });
})();
