// scout-report: filter and sort for the static pages. The pages read fine without it.
(function () {
  "use strict";
  // What a person sees: text outside screen-reader-only spans (`.vh`), plus the row's `data-search`
  // words (the CVE ids and "kev" an Images row stands for without showing them).
  function visible(node) {
    var out = "";
    (function walk(n) {
      if (n.nodeType === 3) { out += n.nodeValue + " "; return; }
      if (n.nodeType !== 1 || (n.classList && n.classList.contains("vh"))) return;
      for (var c = n.firstChild; c; c = c.nextSibling) walk(c);
    })(node);
    return out;
  }
  function text(node) { return (visible(node) + " " + (node.getAttribute("data-search") || "")).toLowerCase(); }

  function setupFilter(input) {
    var tools = input.closest("[data-tools]");
    var counter = tools ? tools.querySelector(".filter-count") : null;
    var items;
    if (input.dataset.filter) {
      var table = document.getElementById(input.dataset.filter);
      items = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
    } else {
      items = Array.prototype.slice.call(document.querySelectorAll("details." + input.dataset.filterItems));
    }
    var facets = tools ? Array.prototype.slice.call(tools.querySelectorAll("[data-facet]")) : [];
    var haystacks = items.map(text);
    function facetValue(control) {
      if (control.type === "checkbox") return control.checked ? control.value : "";
      return control.value;
    }
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var chosen = facets.map(function (f) { return [f.getAttribute("data-facet"), facetValue(f)]; })
        .filter(function (pair) { return pair[1] !== ""; });
      var shown = 0;
      items.forEach(function (item, position) {
        var haystack = haystacks[position];
        var match = words.every(function (word) { return haystack.indexOf(word) !== -1; }) &&
          chosen.every(function (pair) {
            var values = (item.getAttribute("data-" + pair[0]) || "").split("|");
            return values.indexOf(pair[1]) !== -1;
          });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (counter) counter.textContent = words.length || chosen.length ? shown + " of " + items.length + " shown" : "";
    }
    input.addEventListener("input", apply);
    facets.forEach(function (f) { f.addEventListener("change", apply); });
    if (tools) tools.hidden = false;
  }

  function sortKey(cell, numeric) {
    if (!cell) return "";
    var key = cell.getAttribute("data-key");
    var value = key !== null ? key : (cell.textContent || "").trim();
    if (numeric) return parseFloat(value) || 0;
    return value.toLowerCase();
  }

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function setupSort(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending" ||
          (!th.hasAttribute("aria-sort") && th.hasAttribute("data-desc"));
        var numeric = th.getAttribute("data-type") === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column], numeric), y = sortKey(b.cells[column], numeric);
          // Text in natural order: app2 before app10.
          var order = numeric ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(x, y);
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter], input[data-filter-items]").forEach(setupFilter);
    document.querySelectorAll("table.sortable").forEach(setupSort);
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
