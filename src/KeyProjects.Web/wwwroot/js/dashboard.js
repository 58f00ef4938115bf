// The dashboard's charts (ECharts), drawn from the JSON the page carries. Clicking a unit's bar opens its dashboard.
(function () {
    var el = document.getElementById("dashboard-data");
    if (!el || !window.echarts) return;
    var d = JSON.parse(el.textContent);
    var charts = [];
    function chart(id, option) {
        var node = document.getElementById(id);
        if (!node) return null;
        var c = echarts.init(node, null, { renderer: "svg" });
        c.setOption(option);
        charts.push(c);
        return c;
    }
    var red = "#d63939", blue = "#206bc4", green = "#2fb344", grey = "#adb5bd";
    if (d.children.length) {
        var c1 = chart("chart-children", {
            tooltip: { trigger: "axis" },
            legend: { data: [d.labels.rate, d.labels.time] },
            grid: { left: 16, right: 16, bottom: 16, top: 40, containLabel: true },
            xAxis: { type: "category", data: d.children.map(function (c) { return c.name; }), axisLabel: { rotate: d.children.length > 8 ? 40 : 0, interval: 0 } },
            yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
            series: [
                { name: d.labels.rate, type: "bar", data: d.children.map(function (c) { return { value: c.rate, itemStyle: { color: c.behind ? red : blue } }; }),
                  label: { show: true, position: "top", formatter: "{c}%" } },
                { name: d.labels.time, type: "line", symbol: "none", lineStyle: { type: "dashed", color: red },
                  data: d.children.map(function () { return d.time; }) }
            ]
        });
        if (c1) c1.on("click", function (p) {
            var child = d.children[p.dataIndex];
            if (child) location.href = d.link.replace("{id}", child.id);
        });
    }
    chart("chart-curve", {
        tooltip: { trigger: "axis" },
        // Legend under the chart, months and the axis name each with room of their own (they overlapped, issue 13).
        legend: { data: [d.labels.completed, d.labels.planned], bottom: 0 },
        grid: { left: 16, right: 16, bottom: 36, top: 40, containLabel: true },
        xAxis: { type: "category", data: d.curve.map(function (p) { return p.month; }) },
        yAxis: { type: "value", name: d.labels.yi },
        series: [
            { name: d.labels.completed, type: "line", areaStyle: { opacity: 0.15 }, color: blue, data: d.curve.map(function (p) { return p.completed; }) },
            { name: d.labels.planned, type: "line", lineStyle: { type: "dashed" }, color: grey, data: d.curve.map(function (p) { return p.planned; }) }
        ]
    });
    chart("chart-stages", {
        tooltip: { trigger: "item" },
        // Labels inside the chart's box: a smaller ring, short guide lines, long names wrapped (they were cut, issue 13).
        series: [{ type: "pie", radius: ["32%", "55%"], avoidLabelOverlap: true, minShowLabelAngle: 4,
            label: { formatter: "{b} {c}", overflow: "break", width: 80 }, labelLine: { length: 8, length2: 6 }, data: d.stages }],
        color: [grey, "#74b816", green, blue, "#4299e1", "#ae3ec9", "#f76707", red, "#17a2b8", "#343a40"]
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
    document.documentElement.setAttribute("data-charts", "ready");
})();
