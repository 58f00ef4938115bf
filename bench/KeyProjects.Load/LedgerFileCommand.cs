using KeyProjects.Dataset;
using KeyProjects.Web.Features.Projects;

namespace KeyProjects.Load;

/// <summary>
/// Writes the generated registry as the province's .xlsx ledger with the app's own writer (<see cref="LedgerWorkbook"/>),
/// for the import measurement. <c>--remarks</c> puts a text in every row's 备注, so a second import updates every project.
/// </summary>
public static class LedgerFileCommand
{
    public static int Run(Options o)
    {
        var path = o.Require("out");
        var count = o.Int("projects", ProvinceProjects.DefaultCount);
        var year = o.Int("year", 2024);
        var remarks = o.Get("remarks");
        var lines = ProvinceProjects.Generate(count, o.Int("seed", ProvinceProjects.DefaultSeed))
            .Select(p => new LedgerWorkbook.Line(remarks is null ? p.Draft : p.Draft with { Remarks = remarks }, p.Unit.Name));
        using (var file = File.Create(path))
            LedgerWorkbook.Write(file, $"{ProvinceUnits.Province}{year}年重点项目台账", year, lines);
        Console.WriteLine($"ledger: {count} rows, plan year {year}, {new FileInfo(path).Length / 1024} KB → {path}");
        return 0;
    }
}
