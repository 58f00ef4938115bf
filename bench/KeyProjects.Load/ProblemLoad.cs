using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KeyProjects.Dataset;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Load;

/// <summary>
/// The problem-ledger scenarios (issue 4, point 11), on a database that <c>problems</c> filled:
/// <list type="bullet">
/// <item><c>problems-list</c>: GET /api/v1/problems?org={city}&amp;overdue=true (the default page of 100), each request a
/// random city, with that city's Staff user's bearer token.</item>
/// <item><c>problems-sweep</c>: POST /api/v1/problems/escalation-sweep as the administrator, once on the data as generated
/// ("cold": real work) and once right after ("again": nothing left to do), one at a time.</item>
/// <item><c>problems-create</c>: POST /api/v1/problems, each client request the next of a round over the 182 county-level
/// units, each with its own Staff user's token, on the next of that unit's projects; the count of problems (the
/// administrator's list total) is read before and after.</item>
/// </list>
/// </summary>
public static partial class LoadDriver
{
    private static readonly Dictionary<string, string> TokenCache = new(StringComparer.Ordinal);

    private static async Task<string> TokenAsync(HttpClient http, string user, string password)
    {
        lock (TokenCache) if (TokenCache.TryGetValue(user, out var cached)) return cached;
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/v1/auth/token for {user}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        lock (TokenCache) TokenCache[user] = token;
        return token;
    }

    /// <summary>Tokens of the Staff users of the given units (index in <see cref="ProvinceUnits.All"/>), four logins at a time.</summary>
    private static async Task<Dictionary<int, string>> StaffTokensAsync(HttpClient http, IEnumerable<int> unitIndexes, string password)
    {
        var tokens = new Dictionary<int, string>();
        var watch = Stopwatch.StartNew();
        foreach (var chunk in unitIndexes.Chunk(4))
        {
            var got = await Task.WhenAll(chunk.Select(async i => (i, await TokenAsync(http, ProblemsGenerator.StaffUser(i), password))));
            foreach (var (i, t) in got) tokens[i] = t;
        }
        Console.WriteLine($"load: {tokens.Count} staff users logged in ({watch.Elapsed.TotalSeconds:0.0} s)");
        return tokens;
    }

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static Dictionary<string, int> IdsByName(IReadOnlyList<Region> regions) =>
        regions.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().Id);

    private static async Task<ScenarioResult> ProblemListAsync(HttpClient http, string database, IReadOnlyList<Region> regions, string password, int clients,
        TimeSpan warmup, TimeSpan duration, int maxRequests, ServerProbe? probe)
    {
        var ids = IdsByName(regions);
        var cities = Enumerable.Range(0, ProvinceUnits.All.Count).Where(i => ProvinceUnits.All[i].Kind == OrgKind.City).ToList();
        var tokens = await StaffTokensAsync(http, cities, password);
        // The shape's "query" is "unit index|path", so the request knows whose token to send.
        var shape = new Shape("a city's overdue problems", r =>
        {
            var i = cities[r.Next(cities.Count)];
            return $"{i}|/api/v1/problems?org={ids[ProvinceUnits.All[i].Name]}&overdue=true";
        });
        return await ClosedLoopAsync(http, "problems-list", database, "GET /api/v1/problems?org={city}&overdue=true (100 a page), as the city's staff", clients,
            warmup, duration, maxRequests, [shape], q =>
            {
                var bar = q.IndexOf('|', StringComparison.Ordinal);
                return Bearer(HttpMethod.Get, q[(bar + 1)..], tokens[int.Parse(q[..bar], CultureInfo.InvariantCulture)]);
            }, probe);
    }

    /// <summary>The sweep twice, one request at a time, each its own result with what the sweep answered.</summary>
    private static async Task<List<ScenarioResult>> SweepAsync(HttpClient http, string database, string adminToken, ServerProbe? probe)
    {
        var results = new List<ScenarioResult>();
        foreach (var label in new[] { "cold", "again" })
        {
            Console.WriteLine($"load: problems-sweep ({label}): POST /api/v1/problems/escalation-sweep");
            var sampler = probe?.StartSampling(TimeSpan.FromMilliseconds(50));
            var t0 = Stopwatch.GetTimestamp();
            Sample sample;
            string note;
            try
            {
                using var request = Bearer(HttpMethod.Post, "/api/v1/problems/escalation-sweep", adminToken);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                sample = new Sample("", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, (int)response.StatusCode, body.Length);
                note = response.IsSuccessStatusCode ? SweepOutcome(body) : $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
            }
            catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
            {
                sample = new Sample("", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, 0, 0);
                note = $"no answer within {http.Timeout.TotalSeconds:0} s ({e.GetType().Name})";
            }
            var server = sampler is null ? (ServerUse?)null : await sampler.StopAsync();
            if (sampler is not null) await sampler.DisposeAsync();
            results.Add(ScenarioResult.From($"problems-sweep ({label})", database, "POST /api/v1/problems/escalation-sweep (administrator)", 1, sample.Ms / 1000,
                [sample], server, note));
        }
        return results;
    }

    private static string SweepOutcome(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        string Get(string name) => r.TryGetProperty(name, out var v) ? v.ToString() : "?";
        return $"ran {Get("ran")}, examined {Get("examined")}, escalated {Get("escalated")}, steps {Get("steps")}, today {Get("today")}, server-side {double.Parse(Get("milliseconds"), CultureInfo.InvariantCulture):0} ms";
    }

    private static async Task<int> ProblemTotalAsync(HttpClient http, string adminToken)
    {
        using var request = Bearer(HttpMethod.Get, "/api/v1/problems?take=1", adminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
    }

    private static async Task<ScenarioResult> ProblemCreateAsync(HttpClient http, string database, IReadOnlyList<Region> regions, string password, string adminToken,
        int clients, TimeSpan warmup, TimeSpan duration, int maxRequests, int projectCount, int projectSeed, ServerProbe? probe)
    {
        var ids = IdsByName(regions);
        var codes = ProvinceProjects.Generate(projectCount, projectSeed).GroupBy(p => p.Unit.Name)
            .ToDictionary(g => g.Key, g => g.Select(p => ProjectCode.Normalize(p.Draft.Code)).ToArray());
        var counties = Enumerable.Range(0, ProvinceUnits.All.Count)
            .Where(i => ProvinceUnits.All[i].Kind != OrgKind.City && codes.ContainsKey(ProvinceUnits.All[i].Name)).ToArray();
        var tokens = await StaffTokensAsync(http, counties, password);
        var categories = new[] { ("Approvals", 0), ("Land", 1), ("Funding", 0), ("Utilities", 2), ("Environment", 3), ("Demolition", 2), ("Other", 4) };
        var next = -1L;
        var shape = new Shape("new problem on a county's project", _ =>
        {
            var n = Interlocked.Increment(ref next);
            var u = counties[n % counties.Length];
            var unit = ProvinceUnits.All[u];
            var projects = codes[unit.Name];
            var code = projects[(int)(n / counties.Length % projects.Length)];
            var (category, dep) = categories[n % categories.Length];
            var department = ids[new DepartmentRef(unit.Name, dep).Name];
            var body = JsonSerializer.Serialize(new
            {
                projectCode = code,
                title = $"{unit.Short}：压测问题 {n + 1}",
                description = "施工用电、用地手续需协调（bench）。",
                category,
                departmentOrgId = department,
            });
            return $"{u}|{body}";
        });
        var before = await ProblemTotalAsync(http, adminToken);
        var r = await ClosedLoopAsync(http, "problems-create", database, "POST /api/v1/problems, a county's staff on its projects, 182 counties in turn", clients,
            warmup, duration, maxRequests, [shape], q =>
            {
                var bar = q.IndexOf('|', StringComparison.Ordinal);
                var request = Bearer(HttpMethod.Post, "/api/v1/problems", tokens[int.Parse(q[..bar], CultureInfo.InvariantCulture)]);
                request.Content = new StringContent(q[(bar + 1)..], Encoding.UTF8, "application/json");
                return request;
            }, probe);
        var after = await ProblemTotalAsync(http, adminToken);
        var sent = next + 1;
        var note = $"problems before {before:N0}, after {after:N0}: {after - before:N0} created for {sent:N0} requests sent (warm-up included)";
        Console.WriteLine("load: problems-create: " + note);
        return r with { Note = r.Note is null ? note : r.Note + "; " + note };
    }
}
