using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using KeyProjects.Domain.Access;
using KeyProjects.Web.Tests.Infrastructure;
using KeyProjects.Web.Tests.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>
/// One contract for the whole API (issue 11, point 4): every handler states its answers in its type, so the OpenAPI
/// document lists them; every change of an existing object requires the version it read — 428 without, 412 for a stale
/// If-Match, 409 for a stale body version.
/// </summary>
public abstract class ApiContractTests<TDb> : AppTest<TDb> where TDb : TestDatabase, new()
{
    private IReadOnlyList<RouteEndpoint> ApiEndpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();

    [Fact]
    public void EveryApiHandler_ReturnsATypedResult_NotIResult()
    {
        var endpoints = ApiEndpoints();
        endpoints.Count.ShouldBeGreaterThan(50);
        var untyped = endpoints.Where(e =>
        {
            var method = e.Metadata.GetMetadata<MethodInfo>();
            var type = method?.ReturnType;
            if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(Task<>)) type = type.GetGenericArguments()[0];
            return type is null || type == typeof(IResult) || type == typeof(object);
        }).Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}").ToList();
        untyped.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsEveryAnswerOfEveryOperation()
    {
        var doc = JsonDocument.Parse(await App.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths");
        var missing = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            var declared = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                var name = $"{method} {path}";
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var op))
                {
                    missing.Add($"{name}: not in the document");
                    continue;
                }
                var listed = op.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                // What the handler's type declares is what the document lists, each with its schema.
                foreach (var status in declared.Where(s => !listed.Contains(s))) missing.Add($"{name}: {status} declared, not listed");
                if (!listed.Any(s => s is >= 200 and < 300)) missing.Add($"{name}: no success answer");
                // A failure answer with a body is ProblemDetails, stated as such.
                foreach (var r in op.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4'))
                    if (r.Value.TryGetProperty("content", out var content) && !content.TryGetProperty("application/problem+json", out _))
                        missing.Add($"{name}: {r.Name} without a ProblemDetails schema");
                // A route id can name what is not there (or not in the caller's subtree); a body can be wrong.
                if (endpoint.RoutePattern.Parameters.Count > 0 && !listed.Contains(404)) missing.Add($"{name}: route value but no 404");
                if (op.TryGetProperty("requestBody", out _) && !listed.Contains(400)) missing.Add($"{name}: body but no 400");
                if (method is "PUT" or "DELETE" || ChangesWithVersion(path))
                    foreach (var status in new[] { 409, 412, 428 }.Where(s => !listed.Contains(s)))
                        missing.Add($"{name}: a change of an existing object without {status}");
            }
        }
        missing.ShouldBeEmpty();
    }

    /// <summary>POSTs that change an existing object (actions on it), as opposed to creating one.</summary>
    private static bool ChangesWithVersion(string path) =>
        path.StartsWith("/api/v1/problems/{id}/", StringComparison.Ordinal) && !path.EndsWith("/attachments", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/reports/{id}/", StringComparison.Ordinal) && !path.EndsWith("/photos", StringComparison.Ordinal)
        || path is "/api/v1/projects/{code}/restore" or "/api/v1/meetings/{id}/held" or "/api/v1/meeting-tasks/{id}/{action}";

    private static string OpenApiPath(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/') is { Length: > 0 } p ? p : "/";

    /// <summary>A change of an existing object: the request with a given body version (or none), and its current version.</summary>
    public sealed record Change(HttpClient Client, Func<int?, HttpRequestMessage> Request, int Current, HttpStatusCode Success);

    public static TheoryData<string> Changes() =>
        ["project PUT", "project DELETE", "milestone PUT", "monthly plan PUT", "problem accept", "calendar PUT", "calendar DELETE",
         "meeting series PUT", "meeting minutes PUT"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task AChange_WithoutAVersion_Is428_AStaleIfMatch412_AStaleBodyVersion409_AndTheReadVersionSucceeds(string name)
    {
        var change = await ArrangeAsync(name);
        var stale = change.Current > 0 ? change.Current - 1 : change.Current + 1;

        var none = await change.Client.SendAsync(change.Request(null));
        using var staleTag = change.Request(null);
        staleTag.Headers.TryAddWithoutValidation("If-Match", $"\"{stale}\"");
        var staleIfMatch = await change.Client.SendAsync(staleTag);
        var staleBody = await change.Client.SendAsync(change.Request(stale));
        var ok = await change.Client.SendAsync(change.Request(change.Current));

        none.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired, await none.Content.ReadAsStringAsync());
        (await none.JsonAsync()).Str("detail").ShouldContain("版本号"); // in the caller's language (Chinese by default)
        staleIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, await staleIfMatch.Content.ReadAsStringAsync());
        (await staleIfMatch.JsonAsync()).GetProperty("currentVersion").GetInt64().ShouldBe(change.Current);
        staleBody.StatusCode.ShouldBe(HttpStatusCode.Conflict, await staleBody.Content.ReadAsStringAsync());
        (await staleBody.JsonAsync()).GetProperty("currentVersion").GetInt64().ShouldBe(change.Current);
        ok.StatusCode.ShouldBe(change.Success, await ok.Content.ReadAsStringAsync());
        if (ok.StatusCode == HttpStatusCode.OK) ok.Headers.ETag.ShouldNotBeNull();
    }

    [Fact]
    public async Task A428_FollowsTheCallersLanguage()
    {
        var change = await ArrangeAsync("project PUT");
        using var request = change.Request(null);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await change.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await response.JsonAsync()).Str("detail").ShouldStartWith("Send the version you read");
    }

    [Fact]
    public async Task TheIfMatchOfAnETag_ChangesTheObject_AndTheAnswerCarriesTheNextTag()
    {
        var staff = await StaffAsync();
        var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
        var got = await staff.GetAsync($"/api/v1/projects/{code}");
        var tag = got.Headers.ETag!.ToString();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(await got.Content.ReadAsStringAsync())!;
        body.Remove("version");
        body.Remove("orgName");
        body["name"] = "改名后的项目";

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{code}") { Content = JsonContent.Create(body, options: KeyProjectsApp.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        var put = await staff.SendAsync(request);

        tag.ShouldBe("\"1\"");
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        put.Headers.ETag!.ToString().ShouldBe("\"2\"");
    }

    private async Task<HttpClient> StaffAsync()
    {
        await App.CreateUserAsync("pyx", Role.Staff, "濮阳县");
        return await App.ApiClientAsync("pyx");
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body, options: KeyProjectsApp.Json) };

    private static async Task<JsonElement> OkJson(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(200, 299, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<Change> ArrangeAsync(string name)
    {
        switch (name)
        {
            case "project PUT":
            {
                var staff = await StaffAsync();
                var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
                var current = JsonSerializer.Deserialize<Dictionary<string, object?>>((await OkJson(staff.GetAsync($"/api/v1/projects/{code}"))).GetRawText())!;
                current.Remove("orgName");
                return new Change(staff, v =>
                {
                    var body = new Dictionary<string, object?>(current) { ["version"] = v, ["name"] = "改名后的项目" };
                    return Json(HttpMethod.Put, $"/api/v1/projects/{code}", body);
                }, 1, HttpStatusCode.OK);
            }
            case "project DELETE":
            {
                var staff = await StaffAsync();
                var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
                return new Change(staff, v => new HttpRequestMessage(HttpMethod.Delete,
                    $"/api/v1/projects/{code}?reason={Uri.EscapeDataString("项目取消")}" + (v is { } x ? $"&version={x}" : "")), 1, HttpStatusCode.OK);
            }
            case "milestone PUT":
            {
                var staff = await StaffAsync();
                var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县")));
                var m = await OkJson(staff.PostJsonAsync($"/api/v1/projects/{code}/milestones", new { name = "主体封顶", plannedDate = "2026-12-31", sortOrder = 10 }));
                var id = m.GetProperty("id").GetInt32();
                return new Change(staff, v => Json(HttpMethod.Put, $"/api/v1/projects/{code}/milestones/{id}",
                    new { name = "主体结构封顶", plannedDate = "2026-12-31", version = v }), m.GetProperty("version").GetInt32(), HttpStatusCode.OK);
            }
            case "monthly plan PUT":
            {
                var staff = await StaffAsync();
                var code = await App.CreateProjectAsync(Builders.Project(await OrgAsync("濮阳县"), plan2023: 1_200m));
                var plan = await OkJson(staff.GetAsync($"/api/v1/projects/{code}/monthly-plans/2023"));
                return new Change(staff, v => Json(HttpMethod.Put, $"/api/v1/projects/{code}/monthly-plans/2023",
                    new { version = v, amounts = Enumerable.Repeat(100m, 12) }), (int)plan.GetProperty("version").GetInt64(), HttpStatusCode.OK);
            }
            case "problem accept":
            {
                var w = await ProblemWorld.SeedAsync(App);
                var id = await ProblemWorld.RaiseAsync(await App.ApiClientAsync("unit"), w.Raise());
                return new Change(await App.ApiClientAsync("land"), v => Json(HttpMethod.Post, $"/api/v1/problems/{id}/accept", new { version = v }), 1, HttpStatusCode.OK);
            }
            case "calendar PUT" or "calendar DELETE":
            {
                var admin = await App.ApiClientAsync("admin");
                // Creating a correction needs no version: the date had none.
                var created = await OkJson(admin.PutJsonAsync("/api/v1/calendar/2026-11-24", new { kind = "Holiday", name = "临时放假" }));
                var version = created.GetProperty("version").GetInt32();
                return name == "calendar PUT"
                    ? new Change(admin, v => Json(HttpMethod.Put, "/api/v1/calendar/2026-11-24", new { kind = "Holiday", name = "临时放假（改）", version = v }), version, HttpStatusCode.OK)
                    : new Change(admin, v => new HttpRequestMessage(HttpMethod.Delete, "/api/v1/calendar/2026-11-24" + (v is { } x ? $"?version={x}" : "")), version, HttpStatusCode.NoContent);
            }
            case "meeting series PUT":
            {
                App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
                var staff = await StaffAsync();
                var org = await OrgAsync("濮阳县");
                var series = await OkJson(staff.PostJsonAsync("/api/v1/meeting-series", new { orgId = org, name = "县区周例会", level = 2, weekday = 3, marginPoints = 5, deepDiveCount = 1 }));
                var id = series.GetProperty("id").GetInt32();
                return new Change(staff, v => Json(HttpMethod.Put, $"/api/v1/meeting-series/{id}",
                    new { name = "县区周例会", level = 2, weekday = 4, marginPoints = 5, deepDiveCount = 1, isActive = true, version = v }), series.GetProperty("version").GetInt32(), HttpStatusCode.OK);
            }
            case "meeting minutes PUT":
            {
                App.Clock.Set(new DateTimeOffset(2023, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
                var staff = await StaffAsync();
                var meeting = await OkJson(staff.PostJsonAsync("/api/v1/meetings", new { orgId = await OrgAsync("濮阳县"), title = "重点项目调度会", date = "2023-06-03" }));
                var id = meeting.GetProperty("id").GetInt64();
                return new Change(staff, v => Json(HttpMethod.Put, $"/api/v1/meetings/{id}/minutes", new { version = v, attendees = "张振华", minutes = "现场解决" }),
                    meeting.GetProperty("version").GetInt32(), HttpStatusCode.OK);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such change in the table.");
        }
    }
}

public sealed class ApiContractTestsSqlite : ApiContractTests<SqliteTestDatabase>;

public sealed class ApiContractTestsPostgres : ApiContractTests<PostgresTestDatabase>;
