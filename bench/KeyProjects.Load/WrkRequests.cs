using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KeyProjects.Dataset;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Load;

/// <summary>
/// <c>requests --url URL --password P --scenario projects|problems|create|submit --projects N --count C --out FILE</c>:
/// the requests of one of issue 11's side-by-side scenarios (bench/ratios.sh), with the bearer tokens of the server at
/// URL (KeyProjects or bench/KeyProjects.Reference: both answer /api/v1/auth/token and /api/v1/orgs), written for
/// bench/wrk-requests.lua: "T\ttoken" lines, then "R\tmethod\tpath\ttoken number\tbody" lines. The same arguments give
/// the same requests for either server.
/// <list type="bullet">
/// <item><c>projects</c>: GET /api/v1/projects?year=2024&amp;page=1…20&amp;pageSize=25 as the administrator (the list's
/// default order, code).</item>
/// <item><c>problems</c>: GET /api/v1/problems?org={city}&amp;overdue=true&amp;take=25, a city in turn, as its Staff user.</item>
/// <item><c>create</c>: POST /api/v1/problems, as <c>load</c>'s problems-create: a county's Staff user on the next of the
/// county's projects, a department of the county.</item>
/// <item><c>submit</c>: POST /api/v1/reports with submit: true, as <c>load</c>'s submit: request i is month 1 + i / N of
/// 2025 for the (i mod N)-th project, as the administrator.</item>
/// </list>
/// </summary>
public static class WrkRequests
{
    public static async Task<int> RunAsync(Options o)
    {
        var baseUrl = new Uri(o.Get("url") ?? "http://127.0.0.1:5180");
        if (!IPAddress.TryParse(baseUrl.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException("Only a server on this machine (127.0.0.1).");
        var password = o.Get("password") ?? Generator.DefaultAdminPassword;
        var projectCount = o.Int("projects", ProvinceProjects.DefaultCount);
        var seed = o.Int("seed", ProvinceProjects.DefaultSeed);
        var count = o.Int("count", 20_000);
        var scenario = o.Require("scenario");
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };

        var tokens = new List<string>();
        var tokenIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        async Task<int> TokenOf(string user)
        {
            if (tokenIndex.TryGetValue(user, out var i)) return i;
            using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST /api/v1/auth/token for {user}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            tokens.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
            return tokenIndex[user] = tokens.Count - 1;
        }

        var admin = await TokenOf("admin");
        using var orgsRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orgs");
        orgsRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens[admin]);
        using var orgsResponse = await http.SendAsync(orgsRequest);
        orgsResponse.EnsureSuccessStatusCode();
        var ids = (await orgsResponse.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .GroupBy(e => e.GetProperty("name").GetString()!).ToDictionary(g => g.Key, g => g.Min(e => e.GetProperty("id").GetInt32()));

        var lines = new List<string>(count);
        void Add(string method, string path, int token, string body = "") => lines.Add($"R\t{method}\t{path}\t{token}\t{body}");
        switch (scenario)
        {
            case "projects":
                for (var i = 0; i < count; i++) Add("GET", $"/api/v1/projects?year=2024&page={1 + i % 20}&pageSize=25", admin);
                break;
            case "problems":
            {
                var cities = Enumerable.Range(0, ProvinceUnits.All.Count).Where(i => ProvinceUnits.All[i].Kind == OrgKind.City).ToList();
                var cityTokens = new List<int>();
                foreach (var c in cities) cityTokens.Add(await TokenOf(ProblemsGenerator.StaffUser(c)));
                for (var i = 0; i < count; i++)
                    Add("GET", $"/api/v1/problems?org={ids[ProvinceUnits.All[cities[i % cities.Count]].Name]}&overdue=true&take=25", cityTokens[i % cities.Count]);
                break;
            }
            case "create":
            {
                var codes = ProvinceProjects.Generate(projectCount, seed).GroupBy(p => p.Unit.Name)
                    .ToDictionary(g => g.Key, g => g.Select(p => ProjectCode.Normalize(p.Draft.Code)).ToArray());
                var counties = Enumerable.Range(0, ProvinceUnits.All.Count)
                    .Where(i => ProvinceUnits.All[i].Kind != OrgKind.City && codes.ContainsKey(ProvinceUnits.All[i].Name)).ToArray();
                var countyTokens = new Dictionary<int, int>();
                foreach (var c in counties) countyTokens[c] = await TokenOf(ProblemsGenerator.StaffUser(c));
                var categories = new[] { ("Approvals", 0), ("Land", 1), ("Funding", 0), ("Utilities", 2), ("Environment", 3), ("Demolition", 2), ("Other", 4) };
                for (var n = 0; n < count; n++)
                {
                    var u = counties[n % counties.Length];
                    var unit = ProvinceUnits.All[u];
                    var projects = codes[unit.Name];
                    var (category, dep) = categories[n % categories.Length];
                    var body = JsonSerializer.Serialize(new
                    {
                        projectCode = projects[n / counties.Length % projects.Length],
                        title = $"{unit.Short}：压测问题 {n + 1}",
                        description = "施工用电、用地手续需协调（bench）。",
                        category,
                        departmentOrgId = ids[new DepartmentRef(unit.Name, dep).Name],
                    });
                    Add("POST", "/api/v1/problems", countyTokens[u], body);
                }
                break;
            }
            case "submit":
            {
                var shape = ProgressLoad.SubmitShape(projectCount, seed);
                var random = new Random(1);
                for (var i = 0; i < count; i++) Add("POST", "/api/v1/reports", admin, shape.Query(random));
                break;
            }
            default:
                throw new ArgumentException($"Unknown scenario '{scenario}': projects, problems, create, submit.");
        }

        var text = new StringBuilder();
        foreach (var t in tokens) text.Append("T\t").Append(t).Append('\n');
        foreach (var l in lines) text.Append(l).Append('\n');
        await File.WriteAllTextAsync(o.Require("out"), text.ToString(), new UTF8Encoding(false));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests: {lines.Count} {scenario} requests, {tokens.Count} tokens, to {o.Get("out")}"));
        return 0;
    }
}
