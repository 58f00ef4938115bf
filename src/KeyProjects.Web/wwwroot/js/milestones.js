// KeyProjects milestones page: the Gantt (frappe-gantt, read-only) and the running totals of the monthly plan.
// The page works without this file: the ledger and the plan table carry every figure.
(function () {
    function esc(s) {
        return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
            return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
        });
    }

    function drawGantts(root) {
        if (typeof Gantt === "undefined") return;
        (root || document).querySelectorAll("[data-gantt]").forEach(function (el) {
            var tasks = JSON.parse(el.getAttribute("data-gantt") || "[]");
            var labels = JSON.parse(el.getAttribute("data-labels") || "{}");
            if (!tasks.length) return;
            el.innerHTML = "";
            new Gantt(el, tasks, {
                view_mode: "Month",
                language: labels.language || "zh",
                readonly: true,
                today_button: false,
                view_mode_select: false,
                // The chart spans the milestones (not frappe's endless padding) and opens at their start, so it prints whole.
                infinite_padding: false,
                scroll_to: "start",
                popup_on: "hover",
                holidays: {},
                popup: function (ctx) {
                    var t = ctx.task;
                    ctx.set_title(esc(t.name));
                    ctx.set_subtitle(esc(t.late));
                    ctx.set_details(
                        esc(labels.baseline) + " " + esc(t.baseline) + "<br/>" +
                        esc(labels.planned) + " " + esc(t.planned) + "<br/>" +
                        (t.actual ? esc(labels.actual) + " " + esc(t.actual) + "<br/>" : "") +
                        (t.owner ? esc(labels.owner) + " " + esc(t.owner) : ""));
                }
            });
        });
    }

    // Running totals as the user types: each cell is that month's own amount, in 万元.
    function number(text) {
        var s = String(text || "").replace(/,/g, "").trim();
        if (s === "") return 0;
        return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
    }

    function fmt(n) {
        return n.toLocaleString(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 2 });
    }

    function updatePlan(form) {
        var annual = Number(form.getAttribute("data-annual") || "NaN");
        var sum = 0, bad = false;
        form.querySelectorAll("tr[data-testid=plan-row]").forEach(function (row) {
            var input = row.querySelector(".plan-cell");
            var v = number(input ? input.value : 0);
            if (isNaN(v)) bad = true; else sum += v;
            row.querySelector(".plan-cum").textContent = bad ? "" : fmt(sum);
            row.querySelector(".plan-pct").textContent = bad || !(annual > 0) ? "" : (Math.round(sum / annual * 1000) / 10).toFixed(1) + "%";
        });
        var total = form.querySelector(".plan-total");
        if (total) total.textContent = bad ? "" : fmt(sum);
        var diff = form.querySelector(".plan-diff");
        if (diff) diff.textContent = bad || isNaN(annual) || Math.abs(sum - annual) < 0.00005 ? "" : "Δ " + fmt(sum - annual);
    }

    document.addEventListener("input", function (e) {
        if (e.target.classList && e.target.classList.contains("plan-cell")) updatePlan(e.target.closest("form"));
    });

    document.addEventListener("DOMContentLoaded", function () { drawGantts(document); });
    if (document.readyState !== "loading") drawGantts(document);
    document.body.addEventListener("htmx:afterSettle", function (e) { drawGantts(e.target); });
})();
