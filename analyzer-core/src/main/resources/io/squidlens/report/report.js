/* squidlens HTML report: sorting, filtering and paging of the tables, copy buttons, and every
   detail opened for printing. Inlined into every report and allowed by its hash in the page's
   Content-Security-Policy. Everything works without it except these conveniences: the charts
   are SVG and the tables are complete HTML. No eval, no network, no storage. */
(function () {
  "use strict";

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  /* A cell's sort key: its data-v when it has one (bytes shown as 4.0 KiB), else its text;
     numbers lose their thousands separators. */
  function key(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    return numeric ? Number(v.replace(/,/g, "")) : v.toLowerCase();
  }

  /* A table with class "sortable": each header button sorts by its column (data-type="num"
     sorts numbers, else text), a second press reverses; ties keep the report's own order. */
  function sortable(table, after) {
    var heads = table.tHead.rows[0].cells;
    var original = new Map();
    rowsOf(table).forEach(function (r, i) { original.set(r, i); });
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = th.querySelector("button");
      if (!button) {
        return;
      }
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "num";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        if (th.getAttribute("aria-sort") === null && numeric) {
          ascending = false;
        }
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sign = ascending ? 1 : -1;
        var keyed = rowsOf(table).map(function (r) { return [key(r, col, numeric), original.get(r), r]; });
        keyed.sort(function (a, b) {
          if (a[0] < b[0]) { return -sign; }
          if (a[0] > b[0]) { return sign; }
          return a[1] - b[1];
        });
        var body = table.tBodies[0];
        var frag = document.createDocumentFragment();
        keyed.forEach(function (k) { frag.appendChild(k[2]); });
        body.appendChild(frag);
        after();
      });
    });
  }

  /* The destinations table: filters by class, host, requests and time seen, then shows the
     first page of the rows that match, with a button for the next. */
  function destinations(table) {
    var page = Number(table.getAttribute("data-page")) || 500;
    var shown = page;
    var f = {
      cls: document.getElementById("f-class"),
      host: document.getElementById("f-host"),
      min: document.getElementById("f-min"),
      from: document.getElementById("f-from"),
      to: document.getElementById("f-to")
    };
    var status = document.getElementById("f-status");
    var more = document.getElementById("f-more");
    var total = rowsOf(table).length;
    var cols = {};
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      cols[th.getAttribute("data-col")] = i;
    });

    function matches(r) {
      var cls = f.cls.value;
      if (cls && (" " + r.getAttribute("data-c") + " ").indexOf(" " + cls + " ") < 0) {
        return false;
      }
      var host = f.host.value.trim().toLowerCase();
      if (host && r.cells[cols.destination].textContent.toLowerCase().indexOf(host) < 0) {
        return false;
      }
      if (f.min.value !== "" && key(r, cols.requests, true) < Number(f.min.value)) {
        return false;
      }
      /* Times are shown as 2025-11-21 10:42:00Z, which compares as text in time order; a prefix
         such as 2025-11-21T10 is enough, T or space. */
      var from = f.from.value.trim().replace("T", " ");
      if (from && r.cells[cols.last].textContent < from) {
        return false;
      }
      var to = f.to.value.trim().replace("T", " ");
      if (to && r.cells[cols.first].textContent.slice(0, to.length) > to) {
        return false;
      }
      return true;
    }

    function apply() {
      var n = 0;
      rowsOf(table).forEach(function (r) {
        var ok = matches(r);
        if (ok) {
          n++;
        }
        var hide = !ok || n > shown;
        if (r.hidden !== hide) {
          r.hidden = hide;
        }
      });
      var visible = Math.min(n, shown);
      status.textContent = visible === total
        ? "Showing all " + total.toLocaleString("en") + " destinations."
        : "Showing " + visible.toLocaleString("en") + " of " + n.toLocaleString("en")
          + " matching (" + total.toLocaleString("en") + " in all).";
      more.hidden = n <= shown;
      more.textContent = "Show " + Math.min(page, n - shown).toLocaleString("en") + " more";
    }

    function refilter() {
      shown = page;
      apply();
    }

    ["cls", "host", "min", "from", "to"].forEach(function (k) {
      f[k].addEventListener("input", refilter);
      f[k].addEventListener("change", refilter);
    });
    more.addEventListener("click", function () {
      shown += page;
      apply();
    });
    document.getElementById("filters").hidden = false;
    sortable(table, apply);
    apply();
  }

  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    var text = target.textContent;
    var label = button.textContent;
    function done(ok) {
      button.textContent = ok ? "Copied" : "Select and copy by hand";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "sr-only";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var dest = document.getElementById("destinations");
    if (dest) {
      destinations(dest);
    }
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (t) {
      sortable(t, function () {});
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { copy(b); });
    });
    window.addEventListener("beforeprint", function () {
      Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
        d.setAttribute("data-was", d.open ? "open" : "");
        d.open = true;
      });
    });
    window.addEventListener("afterprint", function () {
      Array.prototype.forEach.call(document.querySelectorAll("details[data-was]"), function (d) {
        d.open = d.getAttribute("data-was") === "open";
        d.removeAttribute("data-was");
      });
    });
  });
})();
