using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace KeyProjects.Bench;

/// <summary>
/// Domain benchmarks over the province-scale data set (20,000 projects):
/// <c>dotnet run -c Release --project bench/KeyProjects.Bench -- --filter '*'</c>. Without <c>--job</c> the short job runs
/// (3 warm-ups, 3 iterations): enough to see a regression of tens of percent on a 2-core machine.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (!args.Any(a => a is "--job" or "-j")) args = [.. args, "--job", "short"];
        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
