using BenchmarkDotNet.Attributes;
using KeyProjects.Dataset;
using KeyProjects.Domain.Ledger;

namespace KeyProjects.Bench;

/// <summary>LedgerReader.Read of the 20,000-row table that ExcelDataReader gives for the app's own export.</summary>
public class LedgerReaderBenchmarks
{
    private const int PlanYear = 2024;
    private List<IReadOnlyList<object?>> _table = [];
    private readonly HashSet<(int Row, int Column)> _noFormulas = [];

    [GlobalSetup]
    public void Setup()
    {
        _table = LedgerTableOf.Projects(ProvinceProjects.Generate(), PlanYear);
        var sheet = LedgerReader.Read(_table, _noFormulas, PlanYear);
        if (sheet.Errors.Count != 0 || sheet.Rows.Count != ProvinceProjects.DefaultCount)
            throw new InvalidOperationException($"Expected {ProvinceProjects.DefaultCount} clean rows, got {sheet.Rows.Count} and {sheet.Errors.Count} errors.");
    }

    [Benchmark(Description = "LedgerReader.Read, 20,000 rows × 30 columns")]
    public int Read20000() => LedgerReader.Read(_table, _noFormulas, PlanYear).Rows.Count;
}
