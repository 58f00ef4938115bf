using System.Diagnostics;
using System.Text.RegularExpressions;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Ledger;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Projects;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Load;

/// <summary>
/// Where the time of a list, an export and an import goes, in process and one call at a time (no HTTP, no concurrency):
/// each SQL statement the app sends (EF's diagnostic events), the app's own steps, and the bytes allocated. The calls
/// are the app's services, with the administrator at the province root as the actor.
/// <c>profile --sqlite FILE [--what list,export,import,progress] [--ledger FILE.xlsx] [--dry-run] [--repeat 20]</c>; import writes to the
/// database unless --dry-run.
/// </summary>
public static partial class Profiler
{
    public static async Task<int> RunAsync(Options o)
    {
        var (provider, connection) = AppHost.DatabaseOf(o);
        var what = (o.Get("what") ?? "list,export").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var repeat = o.Int("repeat", 20);
        // The progress views depend on today's date: profile them on the real clock, as the server runs.
        await using var host = new AppHost(provider, connection, o.Get("admin-password") ?? Generator.DefaultAdminPassword) { RealClock = what.Contains("progress") };
        var services = host.Services;
        using var sql = new SqlLog { DumpTo = o.Get("sql-out") };

        Actor actor;
        List<LoadDriver.Region> regions;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var root = await db.Organisations.AsNoTracking().SingleAsync(x => x.ParentId == null);
            actor = new Actor { UserId = "bench", UserName = "admin", Role = Role.Admin, OrgId = root.Id, OrgPath = root.Path, Channel = "api" };
            regions = await db.Organisations.AsNoTracking().Select(x => new LoadDriver.Region(x.Id, x.Name, x.Kind.ToString())).ToListAsync();
            Console.WriteLine($"profile: {provider}, {await db.Projects.CountAsync()} projects, {regions.Count} organisations");
        }

        if (what.Contains("list")) await ListAsync(services, sql, actor, regions, repeat);
        if (what.Contains("export")) await ExportAsync(services, sql, actor, Math.Max(1, repeat / 10));
        if (what.Contains("import")) await ImportAsync(services, sql, actor, o.Require("ledger"), write: !o.Flag("dry-run"));
        if (what.Contains("progress")) await ProgressProfiler.RunAsync(services, sql, actor, regions, repeat, write: !o.Flag("dry-run"));
        return 0;
    }

    private static async Task ListAsync(IServiceProvider services, SqlLog sql, Actor actor, List<LoadDriver.Region> regions, int repeat)
    {
        Console.WriteLine();
        Console.WriteLine($"## ProjectService.ListAsync, one call at a time ({repeat} calls per query after 3 to warm up)");
        foreach (var shape in LoadDriver.Shapes(regions, api: true))
        {
            var random = new Random(7);
            var times = new List<double>();
            var cpu = new List<double>();
            sql.Clear();
            for (var i = -3; i < repeat; i++)
            {
                var query = new QueryCollection(QueryHelpers.ParseQuery(shape.Query(random)));
                var filter = ProjectsQuery(query);
                if (i == 0) sql.Clear();
                using var scope = services.CreateScope();
                var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
                var c0 = CpuMs();
                var t0 = Stopwatch.GetTimestamp();
                await projects.ListAsync(actor, filter);
                if (i < 0) continue;
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                cpu.Add(CpuMs() - c0);
            }
            times.Sort();
            Console.WriteLine();
            Console.WriteLine($"### {shape.Name}: ListAsync p50 {ScenarioResult.Percentile(times, 50)} ms, mean {times.Average():0.0} ms, CPU {cpu.Average():0.0} ms a call; SQL execution {sql.Total() / repeat:0.0} ms a call");
            sql.Print(repeat);
        }
    }

    /// <summary>CPU time of this process so far: unlike wall time, not stretched by other processes on a shared machine.</summary>
    private static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    /// <summary>The API's reading of the query string (pageSize for the page size); unknown values are not checked here.</summary>
    private static ProjectFilter ProjectsQuery(IQueryCollection q) =>
        (ProjectListQuery.From(q) with { Size = q["pageSize"].ToString() }).ToFilter();

    private static async Task ExportAsync(IServiceProvider services, SqlLog sql, Actor actor, int repeat)
    {
        Console.WriteLine();
        Console.WriteLine($"## Export of the whole registry (year=all), the steps of ProjectsExcel.ExportAsync ({repeat} runs after 1 to warm up)");
        var load = new List<double>();
        var write = new List<double>();
        var cpu = new List<double>();
        long allocated = 0, bytes = 0;
        var rows = 0;
        for (var i = -1; i < repeat; i++)
        {
            if (i == 0) sql.Clear();
            using var scope = services.CreateScope();
            var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var c0 = CpuMs();
            var t0 = Stopwatch.GetTimestamp();
            var (planYear, orgs, chunks) = await projects.ListForExportAsync(actor, new ProjectFilter { AllYears = true });
            var list = await chunks.ToListAsync();
            var t1 = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream();
            await LedgerWorkbook.WriteAsync(stream, "河南省重点项目台账", planYear,
                list.ToAsyncEnumerable().Select(p => new LedgerWorkbook.Line(p.ToDraft(), orgs.TryGetValue(p.OrgId, out var o) ? o.Name : "")), CancellationToken.None);
            var t2 = Stopwatch.GetTimestamp();
            if (i < 0) continue;
            load.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            write.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            cpu.Add(CpuMs() - c0);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            bytes = stream.Length;
            rows = list.Count;
        }
        Console.WriteLine($"- ListForExportAsync ({rows} projects with org, plans, lists, team): mean {load.Average():0} ms; SQL {sql.Total() / repeat:0} ms a run");
        sql.Print(repeat);
        Console.WriteLine($"- ToDraft + LedgerWorkbook.Write ({bytes / 1024} KB): mean {write.Average():0} ms");
        Console.WriteLine($"- in all: CPU {cpu.Average():0} ms a run; allocated by one export: {allocated / 1024 / 1024} MB");
    }

    private static async Task ImportAsync(IServiceProvider services, SqlLog sql, Actor actor, string ledger, bool write)
    {
        Console.WriteLine();
        Console.WriteLine($"## Import of {Path.GetFileName(ledger)}, the steps of ProjectImport.ImportAsync");
        var bytes = await File.ReadAllBytesAsync(ledger);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var t0 = Stopwatch.GetTimestamp();
        var table = await LedgerFile.ReadAsync(new MemoryStream(bytes), CancellationToken.None);
        if (!table.Succeeded) throw new InvalidOperationException("The ledger cannot be read.");
        var cellRows = table.Value.Rows.ToList(); // the rows are read lazily: read them all here to time the reading
        var read = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var readAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"- LedgerFile.ReadAsync and its rows (.xlsx → {cellRows.Count} rows of cells): {read:0} ms, {readAllocated / 1024 / 1024} MB allocated");

        t0 = Stopwatch.GetTimestamp();
        var sheet = LedgerReader.Read(cellRows, table.Value.FormulaCells, 2024);
        table.Value.Dispose();
        Console.WriteLine($"- LedgerReader.Read ({sheet.Rows.Count} rows, {sheet.Errors.Count} errors): {Stopwatch.GetElapsedTime(t0).TotalMilliseconds:0} ms");

        foreach (var dryRun in write ? new[] { true, false } : [true])
        {
            using var scope = services.CreateScope();
            var import = scope.ServiceProvider.GetRequiredService<ProjectImport>();
            sql.Clear();
            before = GC.GetTotalAllocatedBytes(precise: true);
            var c0 = CpuMs();
            t0 = Stopwatch.GetTimestamp();
            var outcome = await import.ImportAsync(actor with { Channel = "api" }, new MemoryStream(bytes), dryRun);
            var elapsed = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine($"- ImportAsync(dryRun: {dryRun.ToString().ToLowerInvariant()}): {elapsed:0} ms (CPU {CpuMs() - c0:0} ms), {allocated / 1024 / 1024} MB allocated; "
                + $"{outcome.Rows} rows, {outcome.Created} created, {outcome.Updated} updated, {outcome.Unchanged} unchanged, {outcome.Errors.Count} errors; "
                + $"SQL {sql.Total():0} ms in {sql.Count} statements");
            sql.Print(1, top: 8);
        }
    }

    /// <summary>
    /// The SQL statements EF sends, grouped by their text, with the time to execute (to the first row: where SQLite sorts
    /// and aggregates) and the time the reader stayed open (reading the rows; split queries overlap one another).
    /// </summary>
    internal sealed partial class SqlLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<(string Sql, double Exec, double Read)> _commands = [];
        private readonly Dictionary<Guid, (string Sql, double Exec)> _open = [];
        private readonly List<IDisposable> _subscriptions = [];
        private readonly Lock _lock = new();

        public SqlLog() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public string? DumpTo { get; set; }

        public int Count
        {
            get { lock (_lock) return _commands.Count; }
        }

        public void Clear()
        {
            lock (_lock) _commands.Clear();
        }

        /// <summary>Execution time of every statement, ms.</summary>
        public double Total()
        {
            lock (_lock) return _commands.Sum(c => c.Exec);
        }

        /// <summary>Each distinct statement: its execution and reading time per call, how often per call, and its first words.</summary>
        public void Print(int calls, int top = 20)
        {
            List<(string Sql, double Exec, double Read)> commands;
            lock (_lock) commands = [.. _commands];
            Console.WriteLine("     exec ms   read ms  per call  statement");
            foreach (var g in commands.GroupBy(c => c.Sql).OrderByDescending(g => g.Sum(c => c.Exec + c.Read)).Take(top))
            {
                Console.WriteLine($"    {g.Sum(c => c.Exec) / calls,8:0.0}  {g.Sum(c => c.Read) / calls,8:0.0}  ×{(double)g.Count() / calls,-6:0.##}  {Shorten(g.Key)}");
                if (DumpTo is not null) File.AppendAllText(DumpTo, $"-- exec {g.Sum(c => c.Exec) / calls:0.0} ms, read {g.Sum(c => c.Read) / calls:0.0} ms\n{g.Key};\n\n");
            }
        }

        private static string Shorten(string sql)
        {
            var text = Whitespace().Replace(sql, " ").Trim();
            return text.Length <= 130 ? text : text[..130] + " …";
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            lock (_lock)
            {
                switch (e.Value)
                {
                    case CommandExecutedEventData { ExecuteMethod: DbCommandMethod.ExecuteReader } executed:
                        _open[executed.CommandId] = (executed.Command.CommandText, executed.Duration.TotalMilliseconds);
                        break;
                    case CommandExecutedEventData executed:
                        _commands.Add((executed.Command.CommandText, executed.Duration.TotalMilliseconds, 0));
                        break;
                    case DataReaderDisposingEventData reader when _open.Remove(reader.CommandId, out var open):
                        _commands.Add((open.Sql, open.Exec, reader.Duration.TotalMilliseconds));
                        break;
                }
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
