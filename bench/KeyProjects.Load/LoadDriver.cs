using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace KeyProjects.Load;

/// <summary>
/// Drives a running server over HTTP on 127.0.0.1: N clients in a closed loop (each sends its next request when the
/// last one's body has arrived) for a warm-up and then a measured period or request count, for the API list, the UI
/// list page (full and htmx partial); then the export of the whole registry and ledger imports, timed one at a time.
/// Samples the server's RSS meanwhile (--pid). Bounded in time and count; talks to no other address than --url.
/// </summary>
public static partial class LoadDriver
{
    private const string Year = "2023";

    public static async Task<int> RunAsync(Options o)
    {
        var baseUrl = new Uri(o.Get("url") ?? "http://127.0.0.1:5080");
        if (!IPAddress.TryParse(baseUrl.Host, out var address) ? baseUrl.Host != "localhost" : !IPAddress.IsLoopback(address))
            throw new ArgumentException("The load driver only talks to a server on this machine (127.0.0.1, localhost, [::1]).");
        var clients = o.Int("clients", 16);
        var warmup = TimeSpan.FromSeconds(o.Double("warmup", 5));
        var duration = TimeSpan.FromSeconds(Math.Min(o.Double("duration", 30), 600));
        var maxRequests = o.Int("requests", 0);
        var database = o.Get("database") ?? "SQLite";
        ServerProbe.DatabaseProcessMatch = o.Get("database-processes");
        var probe = o.Get("pid") is { } pid ? new ServerProbe(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)) : null;
        var scenarios = (o.Get("scenarios") ?? "api-list,ui-partial,ui-full,export").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(Math.Min(o.Double("timeout", 300), 600)) };

        var session = await Session.OpenAsync(http, o.Get("user") ?? "admin", o.Get("password") ?? Generator.DefaultAdminPassword);
        if (probe is not null)
            Console.WriteLine($"load: server pid {probe.Pid}, RSS {probe.Memory().RssKb / 1024} MB before the first scenario");

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            IEnumerable<ScenarioResult> run = scenario switch
            {
                "api-list" => [await ClosedLoopAsync(http, "api-list", database, "GET /api/v1/projects, filtered, 20 a page", clients, warmup, duration, maxRequests,
                    Shapes(session.Regions, api: true), path => session.Api(HttpMethod.Get, "/api/v1/projects?" + path), probe)],
                "ui-partial" => [await ClosedLoopAsync(http, "ui-partial", database, "GET /projects (htmx: the table only)", clients, warmup, duration, maxRequests,
                    Shapes(session.Regions, api: false), path => session.Htmx("/projects?" + path), probe)],
                "ui-full" => [await ClosedLoopAsync(http, "ui-full", database, "GET /projects (the whole page)", clients, warmup, duration, maxRequests,
                    Shapes(session.Regions, api: false), path => session.Page("/projects?" + path), probe)],
                "export" => [await ExportAsync(http, session, database, o.Int("export-runs", 3), probe)],
                "import" => await ImportsAsync(http, session, database, o.Require("import"), probe),
                // The last reported year's December, as issue 3 measured it (every project now also has a 2025 plan for the submit
                // scenario, so the default period would be an empty 2025).
                "dashboard" => [await FirstThenLoopAsync(http, session.Page("/dashboard?period=2024-12"), () => ClosedLoopAsync(http, "dashboard", database,
                    "GET /dashboard?period=2024-12 (the province, cookie)", clients, warmup, duration, maxRequests,
                    [new("province", _ => "/dashboard?period=2024-12")], path => session.Page(path), probe))],
                "metrics" => [await ClosedLoopAsync(http, "metrics", database, "GET /api/v1/metrics?org= for each of the 200 units in turn, and the province by=children", clients, warmup, duration, maxRequests,
                    ProgressLoad.MetricsShapes(session.Regions), path => session.Api(HttpMethod.Get, path), probe)],
                "submit" => [await ClosedLoopAsync(http, "submit", database, "POST /api/v1/reports, submit: true, a new (project, 2025 month) each", o.Int("submit-clients", 32), warmup, duration, maxRequests,
                    [ProgressLoad.SubmitShape(o.Int("projects", KeyProjects.Dataset.ProvinceProjects.DefaultCount), o.Int("seed", KeyProjects.Dataset.ProvinceProjects.DefaultSeed))],
                    ProgressLoad.SubmitRequest(session.Token), probe)],
                "problems-list" => [await ProblemListAsync(http, database, session.Regions, o.Get("password") ?? Generator.DefaultAdminPassword, clients, warmup, duration, maxRequests, probe)],
                "problems-sweep" => await SweepAsync(http, database, session.Token, probe),
                "problems-create" => [await ProblemCreateAsync(http, database, session.Regions, o.Get("password") ?? Generator.DefaultAdminPassword, session.Token, clients, warmup, duration,
                    maxRequests, o.Int("projects", KeyProjects.Dataset.ProvinceProjects.DefaultCount), o.Int("seed", KeyProjects.Dataset.ProvinceProjects.DefaultSeed), probe)],
                _ => throw new ArgumentException($"Unknown scenario '{scenario}': api-list, ui-partial, ui-full, export, import (with --import label:file,label:file), dashboard, metrics, submit, problems-list, problems-sweep, problems-create."),
            };
            var outcome = run.ToList();
            // Written scenario by scenario, so a later failure keeps what was measured.
            if (o.Get("out") is { } outPath) ScenarioResult.Append(outPath, outcome);
            foreach (var r in outcome)
            {
                results.Add(r);
                Console.WriteLine($"load: {r.Scenario} [{r.Database}] {r.Requests} requests, {r.Errors} errors, p50 {r.P50} ms, p95 {r.P95} ms, p99 {r.P99} ms, max {r.Max} ms, "
                    + $"{r.Throughput}/s, server RSS ≤ {r.ServerRssMb} MB (peak {r.ServerPeakMb} MB), CPU % server {r.ServerCpuPercent} / driver {r.DriverCpuPercent} / others {r.OtherCpuPercent}"
                    + (r.DatabaseCpuPercent > 0 ? $" / PostgreSQL {r.DatabaseCpuPercent}" : "")
                    + (r.Note is null ? "" : ", " + r.Note));
            }
        }

        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    /// <summary>A way of asking for the list: its name in the report and the query string a client sends next.</summary>
    public sealed record Shape(string Name, Func<Random, string> Query);

    /// <summary>
    /// The list queries people make: paging through the year's ledger, one city or county (with a stage), a level and
    /// sector, sorted by investment, a word search. All on the 2023 ledger, 20 rows a page.
    /// </summary>
    public static List<Shape> Shapes(IReadOnlyList<Region> regions, bool api)
    {
        var size = api ? "&pageSize=20" : "";
        var cities = regions.Where(r => r.Kind == "City").Select(r => r.Id).ToArray();
        var counties = regions.Where(r => r.Kind is "County" or "District" or "Zone").Select(r => r.Id).ToArray();
        int Any(Random r, int[] ids) => ids[r.Next(ids.Length)];
        return
        [
            new("year, page 1–50", r => $"year={Year}&page={1 + r.Next(50)}{size}"),
            new("year + city", r => $"year={Year}&org={Any(r, cities)}&page={1 + r.Next(5)}{size}"),
            new("year + county + stage", r => $"year={Year}&org={Any(r, counties)}&stage=UnderConstruction{size}"),
            new("year + level + sector", r => $"year={Year}&level=Provincial&sector=Industry&page={1 + r.Next(3)}{size}"),
            new("year + kind, by investment", r => $"year={Year}&kind=New&sort=TotalInvestment&desc=true&page={1 + r.Next(10)}{size}"),
            new("year + text", r => $"year={Year}&q={Uri.EscapeDataString(r.Next(2) == 0 ? "物流" : "产业园")}{size}"),
        ];
    }

    private static async Task<ScenarioResult> ClosedLoopAsync(HttpClient http, string scenario, string database, string description, int clients,
        TimeSpan warmup, TimeSpan duration, int maxRequests, List<Shape> shapes, Func<string, HttpRequestMessage> request, ServerProbe? probe)
    {
        Console.WriteLine($"load: {scenario}: {clients} clients, warm-up {warmup.TotalSeconds} s, then {(maxRequests > 0 ? maxRequests + " requests or " : "")}{duration.TotalSeconds} s");
        if (warmup > TimeSpan.Zero) await LoopAsync(http, clients, warmup, 0, shapes, request, seed: 1);
        var sampler = probe?.StartSampling(TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.GetTimestamp();
        ErrorBodies.Clear();
        var samples = await LoopAsync(http, clients, duration, maxRequests, shapes, request, seed: 1000);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var server = sampler is null ? (ServerUse?)null : await sampler.StopAsync();
        if (sampler is not null) await sampler.DisposeAsync();
        foreach (var body in ErrorBodies.Take(5)) Console.WriteLine($"load: {scenario}: error: {body}");
        var errors = samples.Where(x => !x.Ok).GroupBy(x => x.Status).Select(g => $"{g.Count()} × HTTP {g.Key}").ToList();
        return ScenarioResult.From(scenario, database, description, clients, seconds, samples, server,
            errors.Count == 0 ? null : "errors: " + string.Join(", ", errors) + (ErrorBodies.TryPeek(out var first) ? "; first: " + first : ""));
    }

    private static async Task<List<Sample>> LoopAsync(HttpClient http, int clients, TimeSpan duration, int maxRequests, List<Shape> shapes,
        Func<string, HttpRequestMessage> request, int seed)
    {
        var started = Stopwatch.GetTimestamp();
        var issued = 0;
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(seed + c);
            var samples = new List<Sample>();
            while (Stopwatch.GetElapsedTime(started) < duration && (maxRequests == 0 || Interlocked.Increment(ref issued) <= maxRequests))
            {
                var shape = shapes[random.Next(shapes.Count)];
                samples.Add(await SendAsync(http, request(shape.Query(random)), shape.Name));
            }
            return samples;
        }));
        return perClient.SelectMany(s => s).ToList();
    }

    /// <summary>
    /// One request alone before the scenario (on a fresh server: the one that builds the in-memory indexes), its time
    /// added to the scenario's note; then the scenario (passed unstarted).
    /// </summary>
    private static async Task<ScenarioResult> FirstThenLoopAsync(HttpClient http, HttpRequestMessage first, Func<Task<ScenarioResult>> scenario)
    {
        var sample = await SendAsync(http, first, "");
        Console.WriteLine($"load: first request alone: HTTP {sample.Status} in {sample.Ms:0} ms");
        var r = await scenario();
        var note = $"first request alone (cold): {sample.Ms:0} ms, HTTP {sample.Status}";
        return r with { Note = r.Note is null ? note : r.Note + "; " + note };
    }

    /// <summary>The first few bodies of non-2xx answers in the current scenario.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> ErrorBodies = new();

    private static async Task<Sample> SendAsync(HttpClient http, HttpRequestMessage request, string shape)
    {
        using (request)
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[64 * 1024];
                long bytes = 0;
                int n;
                var failed = !response.IsSuccessStatusCode && ErrorBodies.Count < 5;
                var text = failed ? new MemoryStream() : null;
                while ((n = await body.ReadAsync(buffer)) > 0)
                {
                    bytes += n;
                    if (text is { Length: < 2048 }) text.Write(buffer, 0, n);
                }
                if (text is not null)
                {
                    var t = System.Text.Encoding.UTF8.GetString(text.ToArray());
                    ErrorBodies.Enqueue($"HTTP {(int)response.StatusCode} {request.Method} {request.RequestUri}: {t[..Math.Min(t.Length, 400)]}");
                }
                return new Sample(shape, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, (int)response.StatusCode, bytes);
            }
            catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
            {
                return new Sample(shape, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, 0, 0);
            }
        }
    }

    /// <summary>The whole registry (every year, so all 20,000 projects) as the .xlsx ledger, one request at a time.</summary>
    private static async Task<ScenarioResult> ExportAsync(HttpClient http, Session session, string database, int runs, ServerProbe? probe)
    {
        Console.WriteLine($"load: export: {runs} runs of GET /api/v1/projects/export?year=all");
        var samples = new List<Sample>();
        ServerUse? server = null;
        int? rows = null;
        for (var i = 0; i < runs; i++)
        {
            var sampler = probe?.StartSampling(TimeSpan.FromMilliseconds(50));
            var t0 = Stopwatch.GetTimestamp();
            byte[]? bytes = null;
            try
            {
                using var response = await http.SendAsync(session.Api(HttpMethod.Get, "/api/v1/projects/export?year=all"));
                var body = await response.Content.ReadAsByteArrayAsync();
                samples.Add(new Sample("", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, (int)response.StatusCode, body.Length));
                if (response.IsSuccessStatusCode) bytes = body;
            }
            catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
            {
                samples.Add(new Sample("", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, 0, 0));
            }
            if (sampler is not null)
            {
                server = ServerUse.Max(server, await sampler.StopAsync());
                await sampler.DisposeAsync();
            }
            if (bytes is not null) rows ??= DataRowsOf(bytes);
        }
        var seconds = samples.Sum(s => s.Ms) / 1000;
        return ScenarioResult.From("export", database, "GET /api/v1/projects/export?year=all (.xlsx)", 1, seconds, samples, server,
            $"{rows} project rows, {samples[0].Bytes / 1024} KB");
    }

    /// <summary>Rows of the ledger below the header, less the 合计 row.</summary>
    private static int DataRowsOf(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var part = doc.WorkbookPart!.WorksheetParts.First();
        using var reader = OpenXmlReader.Create(part);
        var rows = 0;
        while (reader.Read())
            if (reader.ElementType == typeof(Row) && reader.IsStartElement) rows++;
        return rows - 4; // title, unit note, header, 合计
    }

    /// <summary>Ledger files posted one after another ("new:a.xlsx,again:a.xlsx,changed:b.xlsx"), each timed.</summary>
    private static async Task<List<ScenarioResult>> ImportsAsync(HttpClient http, Session session, string database, string spec, ServerProbe? probe)
    {
        var results = new List<ScenarioResult>();
        foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (label, path) = item.Contains(':', StringComparison.Ordinal) ? (item[..item.IndexOf(':', StringComparison.Ordinal)], item[(item.IndexOf(':', StringComparison.Ordinal) + 1)..]) : ("", item);
            var bytes = await File.ReadAllBytesAsync(path);
            Console.WriteLine($"load: import {label}: POST /api/v1/projects/import, {Path.GetFileName(path)} ({bytes.Length / 1024} KB)");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            form.Add(file, "file", Path.GetFileName(path));
            using var request = session.Api(HttpMethod.Post, "/api/v1/projects/import");
            request.Content = form;

            var sampler = probe?.StartSampling(TimeSpan.FromMilliseconds(50));
            var t0 = Stopwatch.GetTimestamp();
            Sample sample;
            string note;
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                sample = new Sample("", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, (int)response.StatusCode, body.Length);
                note = response.IsSuccessStatusCode ? Outcome(body) : $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
            }
            catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
            {
                sample = new Sample("", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, 0, 0);
                note = $"no answer within {http.Timeout.TotalSeconds:0} s ({e.GetType().Name})";
            }
            var server = sampler is null ? (ServerUse?)null : await sampler.StopAsync();
            if (sampler is not null) await sampler.DisposeAsync();

            results.Add(ScenarioResult.From(label.Length > 0 ? $"import ({label})" : "import", database, $"POST /api/v1/projects/import, {Path.GetFileName(path)}", 1,
                sample.Ms / 1000, [sample], server, note));
        }
        return results;
    }

    private static string Outcome(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        int Get(string name) => r.TryGetProperty(name, out var v) ? v.GetInt32() : -1;
        return $"{Get("rows")} rows: {Get("created")} created, {Get("updated")} updated, {Get("unchanged")} unchanged";
    }

    public sealed record Region(int Id, string Name, string Kind);

    /// <summary>A bearer token for the API, a login cookie for the pages, and the regions to filter by.</summary>
    private sealed partial class Session
    {
        public required string Token { get; init; }

        public required string Cookie { get; init; }
        public required List<Region> Regions { get; init; }

        public HttpRequestMessage Api(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            return request;
        }

        public HttpRequestMessage Page(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", Cookie);
            return request;
        }

        public HttpRequestMessage Htmx(string path)
        {
            var request = Page(path);
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("HX-Target", "project-results");
            return request;
        }

        public static async Task<Session> OpenAsync(HttpClient http, string user, string password)
        {
            var tokenResponse = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
            if (!tokenResponse.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST /api/v1/auth/token: HTTP {(int)tokenResponse.StatusCode} {await tokenResponse.Content.ReadAsStringAsync()}");
            var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

            // The login form: its antiforgery token and cookie, then the login cookie that the POST sets.
            using var loginPage = await http.GetAsync("/login");
            var html = await loginPage.Content.ReadAsStringAsync();
            var field = AntiforgeryField().Match(html);
            if (!field.Success) throw new InvalidOperationException("GET /login: no __RequestVerificationToken field in the form.");
            var cookies = CookiesOf(loginPage);
            using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["UserName"] = user,
                    ["Password"] = password,
                    [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
                }),
            };
            post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
            using var loggedIn = await http.SendAsync(post);
            if (loggedIn.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"POST /login: expected a redirect, got HTTP {(int)loggedIn.StatusCode}.");
            foreach (var c in CookiesOf(loggedIn)) cookies[c.Key] = c.Value;

            using var orgsRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orgs");
            orgsRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var orgs = await http.SendAsync(orgsRequest);
            orgs.EnsureSuccessStatusCode();
            var regions = (await orgs.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Select(e => new Region(e.GetProperty("id").GetInt32(), e.GetProperty("name").GetString()!, e.GetProperty("kind").GetString()!))
                .ToList();
            return new Session { Token = token, Cookie = string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)), Regions = regions };
        }

        private static Dictionary<string, string> CookiesOf(HttpResponseMessage response)
        {
            var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return cookies;
            foreach (var v in values)
            {
                var pair = v.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) cookies[pair[..eq]] = pair[(eq + 1)..];
            }
            return cookies;
        }

        [GeneratedRegex(@"name=""(?<name>__RequestVerificationToken)""\s+value=""(?<value>[^""]*)""")]
        private static partial Regex AntiforgeryField();
    }
}
