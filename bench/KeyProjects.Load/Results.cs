using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyProjects.Load;

/// <summary>One request as the client saw it: the query shape, time to the last byte, status (0 = no response) and size.</summary>
public readonly record struct Sample(string Shape, double Ms, int Status, long Bytes)
{
    public bool Ok => Status is >= 200 and < 300;
}

public sealed record ShapeResult(string Shape, int Requests, double P50, double P95, double P99);

/// <summary>What one scenario measured, against one server and database.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }
    public required string Database { get; init; }
    public required string Description { get; init; }
    public int Clients { get; init; }
    public double Seconds { get; init; }
    public int Requests { get; init; }
    public int Errors { get; init; }
    public double P50 { get; init; }
    public double P95 { get; init; }
    public double P99 { get; init; }
    public double Max { get; init; }
    public double Mean { get; init; }
    public double Throughput { get; init; }
    public long AvgBytes { get; init; }
    /// <summary>Largest VmRSS sampled during the scenario, MB.</summary>
    public double ServerRssMb { get; init; }
    /// <summary>VmHWM at the end of the scenario (reset at its start), MB.</summary>
    public double ServerPeakMb { get; init; }
    /// <summary>Server CPU in per cent of one core (200 = both cores of this machine).</summary>
    public double ServerCpuPercent { get; init; }
    /// <summary>CPU of this driver, per cent of one core.</summary>
    public double DriverCpuPercent { get; init; }
    /// <summary>CPU of every other process on the machine meanwhile, per cent of one core: above a few per cent the run was disturbed.</summary>
    public double OtherCpuPercent { get; init; }
    /// <summary>CPU of the PostgreSQL processes meanwhile (not counted in <see cref="OtherCpuPercent"/>), per cent of one core.</summary>
    public double DatabaseCpuPercent { get; init; }
    public string? Note { get; init; }
    public List<ShapeResult> Shapes { get; init; } = [];

    public static ScenarioResult From(string scenario, string database, string description, int clients, double seconds, List<Sample> samples,
        ServerUse? server, string? note = null)
    {
        var ok = samples.Where(s => s.Ok).Select(s => s.Ms).Order().ToList();
        return new ScenarioResult
        {
            Scenario = scenario,
            Database = database,
            Description = description,
            Clients = clients,
            Seconds = Math.Round(seconds, 1),
            Requests = samples.Count,
            Errors = samples.Count(s => !s.Ok),
            P50 = Percentile(ok, 50),
            P95 = Percentile(ok, 95),
            P99 = Percentile(ok, 99),
            Max = ok.Count == 0 ? 0 : Math.Round(ok[^1], 1),
            Mean = ok.Count == 0 ? 0 : Math.Round(ok.Average(), 1),
            Throughput = seconds > 0 ? Math.Round(samples.Count / seconds, 1) : 0,
            AvgBytes = samples.Count == 0 ? 0 : (long)samples.Average(s => s.Bytes),
            ServerRssMb = server is { } m ? Math.Round(m.MaxRssKb / 1024.0, 1) : 0,
            ServerPeakMb = server is { } p ? Math.Round(p.HwmKb / 1024.0, 1) : 0,
            ServerCpuPercent = server?.CpuPercent ?? 0,
            DriverCpuPercent = server?.DriverCpuPercent ?? 0,
            OtherCpuPercent = server?.OtherCpuPercent ?? 0,
            DatabaseCpuPercent = server?.DatabaseCpuPercent ?? 0,
            Note = note,
            Shapes = samples.GroupBy(s => s.Shape).Where(g => g.Key.Length > 0).Select(g =>
            {
                var times = g.Where(s => s.Ok).Select(s => s.Ms).Order().ToList();
                return new ShapeResult(g.Key, g.Count(), Percentile(times, 50), Percentile(times, 95), Percentile(times, 99));
            }).ToList(),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values, in ms to one decimal.</summary>
    public static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 1);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Adds results to a JSON file (a list), so that several runs of the driver make one report.</summary>
    public static void Append(string path, IEnumerable<ScenarioResult> results)
    {
        var all = File.Exists(path) ? JsonSerializer.Deserialize<List<ScenarioResult>>(File.ReadAllText(path), Json) ?? [] : [];
        all.AddRange(results);
        File.WriteAllText(path, JsonSerializer.Serialize(all, Json));
    }
}
