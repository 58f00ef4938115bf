using System.Globalization;
using System.Text.Json;

namespace KeyProjects.Load;

/// <summary>The results of one or more driver runs as Markdown tables, each figure against its target.</summary>
public static class Report
{
    public const double ListP95TargetMs = 50;
    public const double ExportTargetMs = 3_000;
    public const double ImportTargetMs = 10_000;
    public const double MemoryTargetMb = 300;
    /// <summary>Issue 3, point 11: the province dashboard and every unit's metrics, p95 warm.</summary>
    public const double ProgressP95TargetMs = 60;
    /// <summary>Issue 3, point 11: reports submitted at 32 clients.</summary>
    public const double SubmitPerSecondTarget = 500;
    public const double SubmitP99TargetMs = 100;

    /// <summary>Issue 4, point 11: a city's overdue problems p95, the sweep over 100,000 problems, problems raised per second at 16 clients.</summary>
    public const double ProblemListP95TargetMs = 50;
    public const double SweepTargetMs = 2_000;
    public const double CreatePerSecondTarget = 500;

    public static int Run(IReadOnlyList<string> files)
    {
        var results = files.SelectMany(f => JsonSerializer.Deserialize<List<ScenarioResult>>(File.ReadAllText(f), ScenarioResult.Json) ?? []).ToList();
        Console.WriteLine(Markdown(results));
        return 0;
    }

    public static string Markdown(IReadOnlyList<ScenarioResult> results)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("| database | scenario | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s | server RSS max MB | CPU % server / driver / others | target | met |");
        w.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            var (target, met) = Target(r);
            var times = r.Scenario.StartsWith("export", StringComparison.Ordinal) || r.Scenario.StartsWith("import", StringComparison.Ordinal)
                || r.Scenario.StartsWith("problems-sweep", StringComparison.Ordinal)
                ? $"{r.P50:0} | {r.Max:0} | – "
                : $"{r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} ";
            w.WriteLine($"| {r.Database} | {r.Scenario} | {r.Clients} | {r.Requests} | {r.Errors} | {times}| {r.Throughput:0.#} | {Math.Max(r.ServerRssMb, r.ServerPeakMb):0} | {r.ServerCpuPercent:0} / {r.DriverCpuPercent:0} / {r.OtherCpuPercent:0}{(r.DatabaseCpuPercent > 0 ? $" (PostgreSQL {r.DatabaseCpuPercent:0})" : "")} | {target} | {(met ? "yes" : "**no**")} |");
        }
        var peak = results.Count == 0 ? 0 : results.Max(r => Math.Max(r.ServerRssMb, r.ServerPeakMb));
        w.WriteLine();
        w.WriteLine($"Server memory, largest RSS of any scenario: {peak:0} MB (target < {MemoryTargetMb:0} MB: {(peak < MemoryTargetMb ? "met" : "**not met**")}).");
        w.WriteLine("For export, import and the sweep the p50 column is the median run and the p95 column the slowest run.");

        var shapes = results.Where(r => r.Shapes.Count > 0).ToList();
        if (shapes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("| database | scenario | query | requests | p50 ms | p95 ms | p99 ms |");
            w.WriteLine("|---|---|---|---:|---:|---:|---:|");
            foreach (var r in shapes)
                foreach (var s in r.Shapes.OrderBy(s => s.Shape, StringComparer.Ordinal))
                    w.WriteLine($"| {r.Database} | {r.Scenario} | {s.Shape} | {s.Requests} | {s.P50:0.0} | {s.P95:0.0} | {s.P99:0.0} |");
        }
        var notes = results.Where(r => r.Note is not null).ToList();
        if (notes.Count > 0)
        {
            w.WriteLine();
            foreach (var r in notes) w.WriteLine($"- {r.Database} {r.Scenario}: {r.Note}");
        }
        return w.ToString();
    }

    private static (string Target, bool Met) Target(ScenarioResult r) => r.Scenario switch
    {
        var s when s.StartsWith("export", StringComparison.Ordinal) => ($"≤ {ExportTargetMs / 1000:0} s", r.Errors == 0 && r.Max <= ExportTargetMs),
        var s when s.StartsWith("import", StringComparison.Ordinal) => ($"≤ {ImportTargetMs / 1000:0} s", r.Errors == 0 && r.Max <= ImportTargetMs),
        var s when s.StartsWith("problems-sweep", StringComparison.Ordinal) => ($"≤ {SweepTargetMs / 1000:0} s", r.Errors == 0 && r.Max <= SweepTargetMs),
        "problems-list" => ($"p95 ≤ {ProblemListP95TargetMs:0} ms", r.Errors == 0 && r.P95 <= ProblemListP95TargetMs),
        "problems-create" => ($"≥ {CreatePerSecondTarget:0}/s", r.Errors == 0 && r.Throughput >= CreatePerSecondTarget),
        "dashboard" or "metrics" => ($"p95 ≤ {ProgressP95TargetMs:0} ms", r.Errors == 0 && r.P95 <= ProgressP95TargetMs),
        "submit" => ($"≥ {SubmitPerSecondTarget:0}/s, p99 ≤ {SubmitP99TargetMs:0} ms",
            r.Errors == 0 && r.Throughput >= SubmitPerSecondTarget && r.P99 <= SubmitP99TargetMs),
        _ => ($"p95 ≤ {ListP95TargetMs:0} ms", r.Errors == 0 && r.P95 <= ListP95TargetMs),
    };
}
