namespace KeyProjects.Load;

/// <summary>
/// The province-scale data set and the load driver (bench/README.md):
/// <list type="bullet">
/// <item><c>generate --sqlite FILE | --postgres CONNECTION [--projects 20000] [--seed 2023] [--admin-password P]</c></item>
/// <item><c>reports --sqlite FILE | --postgres CONNECTION [--projects 20000] [--seed 2023]</c> (after generate: 1.2 million monthly reports)</item>
/// <item><c>problems --sqlite FILE | --postgres CONNECTION [--problems 100000] [--seed 2026] [--today yyyy-MM-dd] [--last-sweep-days-ago 7]</c> (after generate: departments, users, 100,000 problems)</item>
/// <item><c>ledger --out FILE.xlsx [--projects 20000] [--seed 2023] [--year 2024] [--remarks TEXT]</c></item>
/// <item><c>load --url URL --password P [--pid PID] [--scenarios api-list,ui-partial,ui-full,export,import] [--import label:FILE,…] …</c></item>
/// <item><c>profile --sqlite FILE | --postgres CONNECTION [--what list,export,import] [--ledger FILE.xlsx] [--repeat 20]</c></item>
/// <item><c>report FILE.json …</c></item>
/// <item><c>requests --url URL --scenario projects|problems|create|submit --out FILE …</c> (for bench/ratios.sh and wrk)</item>
/// </list>
/// </summary>
public static class Commands
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: KeyProjects.Load generate|reports|problems|ledger|load|profile|report|requests [options] (see bench/README.md)");
            return 2;
        }
        Options Options() => KeyProjects.Load.Options.Parse(args.Skip(1));
        return args[0] switch
        {
            "generate" => await Generator.RunAsync(Options()),
            "reports" => await ReportsGenerator.RunAsync(Options()),
            "problems" => await ProblemsGenerator.RunAsync(Options()),
            "ledger" => LedgerFileCommand.Run(Options()),
            "load" => await LoadDriver.RunAsync(Options()),
            "profile" => await Profiler.RunAsync(Options()),
            "report" => Report.Run(args.Skip(1).ToList()),
            "requests" => await WrkRequests.RunAsync(Options()),
            _ => Usage(args[0]),
        };
    }

    private static int Usage(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}': generate, reports, problems, ledger, load, profile, report or requests.");
        return 2;
    }
}
