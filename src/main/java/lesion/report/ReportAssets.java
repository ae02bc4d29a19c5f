package lesion.report;

/**
 * The report's inline style sheet and script: a readable page on screen and on paper, and tables
 * sorted by clicking a column's name (numbers as numbers, empty cells last). Kept inline so that
 * the page opens from disk with no network.
 */
final class ReportAssets {
    static final String CSS = """
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0 auto;
              max-width: 1400px; padding: 0 24px 48px; line-height: 1.45; }
            h1 { font-size: 1.6em; margin: 20px 0 8px; }
            h2 { font-size: 1.2em; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid #ddd; }
            h2 code { font-size: 0.95em; background: #f4f4f4; padding: 1px 6px; border-radius: 3px; }
            .status { font-size: 0.6em; vertical-align: middle; padding: 2px 8px; border-radius: 10px;
              background: #e0e0e0; font-weight: normal; }
            .status-complete, .status-done { background: #d4edda; }
            .status-interrupted, .status-running { background: #fff3cd; }
            .status-failed { background: #f8d7da; }
            table { border-collapse: collapse; font-size: 0.85em; }
            table.facts th { text-align: left; padding: 1px 16px 1px 0; color: #555; font-weight: normal;
              white-space: nowrap; vertical-align: top; }
            table.facts td { font-family: "DejaVu Sans Mono", monospace; font-size: 0.95em; word-break: break-all; }
            .table-wrap { overflow-x: auto; margin: 16px 0; max-height: 480px; overflow-y: auto; }
            table.sortable caption { text-align: left; color: #444; padding: 4px 0; caption-side: top; }
            table.sortable th { background: #f0f0f0; cursor: pointer; padding: 4px 8px; text-align: left;
              position: sticky; top: 0; white-space: nowrap; user-select: none; }
            table.sortable th[aria-sort=ascending]::after { content: " \\25B2"; }
            table.sortable th[aria-sort=descending]::after { content: " \\25BC"; }
            table.sortable td { padding: 2px 8px; border-bottom: 1px solid #eee; white-space: nowrap; }
            table.sortable tbody tr:hover { background: #f7f9fc; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 20px; }
            figure { margin: 0; }
            figure svg { width: 100%; height: auto; display: block; }
            figcaption { font-size: 0.85em; color: #444; margin-top: 4px; }
            details.study pre { background: #f7f7f7; padding: 12px; overflow-x: auto; font-size: 0.85em; }
            .note { color: #7a5b00; } .error { color: #a00; }
            """;

    static final String SCRIPT = """
            (function () {
              function key(cell) {
                var text = cell.textContent.trim();
                var n = Number(text);
                return text === '' ? null : isNaN(n) ? text : n;
              }
              function compare(a, b) {
                if (a === null || b === null) { return a === b ? 0 : a === null ? 1 : -1; }
                if (typeof a === typeof b) { return a < b ? -1 : a > b ? 1 : 0; }
                return typeof a === 'number' ? -1 : 1;
              }
              document.querySelectorAll('table.sortable').forEach(function (table) {
                table.querySelectorAll('thead th').forEach(function (th, column) {
                  th.addEventListener('click', function () {
                    var ascending = th.getAttribute('aria-sort') !== 'ascending';
                    table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
                    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (r, s) {
                      var a = key(r.cells[column]), b = key(s.cells[column]);
                      if (a === null || b === null) { return compare(a, b); }
                      return ascending ? compare(a, b) : compare(b, a);
                    });
                    rows.forEach(function (r) { body.appendChild(r); });
                  });
                });
              });
            })();
            """;

    private ReportAssets() {
    }
}
