using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Npgsql;

// The reference for issue 11, point 8: the least an ASP.NET Core app can do for the same four requests on the same
// database (KeyProjects' own file or PostgreSQL database and schema, its indexes; this app adds none), with the same
// bearer tokens (ASP.NET Core's BearerToken handler: a data-protected ticket, no database read per request) and
// System.Text.Json answers of about the same size. Plain ADO.NET (Microsoft.Data.Sqlite, Npgsql): one connection per
// request from the pool, hand-written SQL. What it leaves out is said at each endpoint; bench/README.md lists it all.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
var sqlite = provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase);
var connectionString = builder.Configuration[$"ConnectionStrings:{(sqlite ? "Sqlite" : "Postgres")}"]
    ?? throw new InvalidOperationException("ConnectionStrings:Sqlite or ConnectionStrings:Postgres is required.");
var db = new Db(sqlite, connectionString);
builder.Services.AddSingleton(db);
builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
    .AddBearerToken(o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
builder.Services.AddAuthorization();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, RefJson.Default));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health", () => "ok");

// The token: the user's password checked as Identity does (its hasher), the claims KeyProjects puts in its tokens.
app.MapPost("/api/v1/auth/token", async (LoginBody body, Db d) =>
{
    await using var c = await d.OpenAsync();
    await using var cmd = d.Command(c, """
        SELECT u."Id", u."PasswordHash", u."Role", u."OrgId", o."Path" FROM "AspNetUsers" u JOIN "Organisations" o ON o."Id" = u."OrgId"
        WHERE u."NormalizedUserName" = @name
        """, ("name", body.UserName.ToUpperInvariant()));
    await using var r = await cmd.ExecuteReaderAsync();
    if (!await r.ReadAsync()) return Results.Unauthorized();
    var (id, hash, role, orgId, path) = (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4));
    if (hash is null || new PasswordHasher<object>().VerifyHashedPassword(new object(), hash, body.Password) == PasswordVerificationResult.Failed)
        return Results.Unauthorized();
    var identity = new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, body.UserName), new Claim("kp:role", role.ToString(CultureInfo.InvariantCulture)),
        new Claim("kp:org", orgId.ToString(CultureInfo.InvariantCulture)), new Claim("kp:orgpath", path),
    ], BearerTokenDefaults.AuthenticationScheme);
    return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
});

var api = app.MapGroup("/api/v1").RequireAuthorization();

// The organisation tree (the load driver finds cities, counties and departments by name).
api.MapGet("/orgs", async (Db d) =>
{
    await using var c = await d.OpenAsync();
    await using var cmd = d.Command(c, """SELECT "Id", "Name", "Kind" FROM "Organisations" ORDER BY "Id" """);
    await using var r = await cmd.ExecuteReaderAsync();
    var list = new List<OrgRow>();
    while (await r.ReadAsync()) list.Add(new OrgRow(r.GetInt32(0), r.GetString(1), ((OrgKindName)r.GetInt32(2)).ToString()));
    return list;
});

// (a) The project list, KeyProjects' default order (code), projects with a plan in the year and not retired: a page of
// `pageSize` walking the unique index on Code (CROSS JOIN keeps SQLite's planner from sorting the year's plans
// instead), their plan and leaders, and the count of all of them. Left out: the 合计 (sums of investment and plan,
// counts of new and continuing projects over everything selected) and every filter but the year; the caller's scope
// (the administrator's: the whole province) is not checked.
api.MapGet("/projects", async (Db d, int? year, int? page, int? pageSize) =>
{
    var y = year ?? 2024;
    var size = Math.Clamp(pageSize ?? 20, 1, 200);
    var skip = (Math.Max(1, page ?? 1) - 1) * size;
    await using var c = await d.OpenAsync();
    int total;
    await using (var count = d.Command(c, """
        SELECT COUNT(*) FROM "ProjectYearPlans" y JOIN "Projects" p ON p."Id" = y."ProjectId" WHERE y."Year" = @year AND NOT p."IsRetired"
        """, ("year", y)))
        total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    var items = new List<ProjectItem>(size);
    await using (var cmd = d.Command(c, """
        SELECT p."Id", p."Code", p."Name", p."OrgId", o."Name", p."Location", p."UnitName", p."ResponsibleUnit", p."Levels", p."Stage", p."Sector",
               p."TotalInvestment", y."PlannedInvestment", y."Kind", p."PlannedStart", p."PlannedCompletion", p."IsRetired"
        FROM "Projects" p
        CROSS JOIN "ProjectYearPlans" y
        JOIN "Organisations" o ON o."Id" = p."OrgId"
        WHERE y."ProjectId" = p."Id" AND y."Year" = @year AND NOT p."IsRetired"
        ORDER BY p."Code" LIMIT @take OFFSET @skip
        """, ("year", y), ("take", size), ("skip", skip)))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync())
            items.Add(new ProjectItem(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), Str(r, 5), Str(r, 6), Str(r, 7),
                r.GetInt32(8), r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt32(10), d.Money(r, 11), d.Money(r, 12), r.GetInt32(13),
                Date(r, 14), Date(r, 15), r.GetBoolean(16), []));
    if (items.Count > 0)
    {
        var leaders = new Dictionary<int, List<string>>();
        await using var cmd = d.Command(c, $"""
            SELECT "ProjectId", "Name" FROM "ProjectTeam" WHERE "Role" = 1 AND "ProjectId" IN ({string.Join(',', items.Select(i => i.Id))}) ORDER BY "ProjectId", "SortOrder"
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            if (!leaders.TryGetValue(r.GetInt32(0), out var l)) leaders[r.GetInt32(0)] = l = [];
            l.Add(r.GetString(1));
        }
        items = items.Select(i => leaders.TryGetValue(i.Id, out var l) ? i with { Leaders = l } : i).ToList();
    }
    return new ProjectPageBody(items, total, Math.Max(1, page ?? 1), size, y);
});

// (b) A region's open problems past their 办理时限 (overdue=true), oldest 办理时限 first, `take` of them, and the count:
// the problems of the region's projects (the subtree's organisation ids, then the (OrgId, Status, DueOn, Id) index).
// Left out: problems of projects elsewhere that the region builds or answers for, and of its departments.
api.MapGet("/problems", async (HttpContext http, Db d, int org, bool? overdue, int? take, int? skip) =>
{
    if (!http.User.FindFirstValue("kp:orgpath")!.StartsWith("/", StringComparison.Ordinal)) return Results.Forbid();
    var size = Math.Clamp(take ?? 100, 1, 200);
    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).DateTime);
    await using var c = await d.OpenAsync();
    string path;
    await using (var cmd = d.Command(c, """SELECT "Path" FROM "Organisations" WHERE "Id" = @id""", ("id", org)))
        path = (string?)await cmd.ExecuteScalarAsync() ?? "\0";
    if (!path.StartsWith(http.User.FindFirstValue("kp:orgpath")!, StringComparison.Ordinal)) return Results.NotFound();
    var ids = new List<int>();
    await using (var cmd = d.Command(c, """SELECT "Id" FROM "Organisations" WHERE "Path" >= @from AND "Path" < @to""", ("from", path), ("to", path + "\uffff")))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync()) ids.Add(r.GetInt32(0));
    var inOrgs = string.Join(',', ids);
    // Open: 待受理 (1), 办理中 (2), 退回 (5).
    var where = $"""p."OrgId" IN ({inOrgs}) AND p."Status" IN (1, 2, 5)""" + (overdue == true ? """ AND p."DueOn" < @today""" : "");
    int total;
    await using (var cmd = d.Command(c, $"""SELECT COUNT(*) FROM "Problems" p WHERE {where}""", ("today", d.DateValue(today))))
        total = Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    var rows = new List<ProblemItem>(size);
    await using (var cmd = d.Command(c, $"""
        SELECT p."Id", p."Title", pr."Code", pr."Name", p."OrgId", p."Category", p."Status", p."Level", p."DueOn", p."RaisedOn", p."DepartmentOrgId", p."RaisedByName"
        FROM "Problems" p JOIN "Projects" pr ON pr."Id" = p."ProjectId"
        WHERE {where} ORDER BY p."DueOn", p."Id" LIMIT @take OFFSET @skip
        """, ("today", d.DateValue(today)), ("take", size), ("skip", Math.Max(0, skip ?? 0))))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync())
            rows.Add(new ProblemItem(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
                Date(r, 8)!.Value, Date(r, 9)!.Value, r.IsDBNull(10) ? null : r.GetInt32(10), r.GetString(11), Date(r, 8)!.Value < today));
    return Results.Ok(new ProblemPageBody(rows, total, overdue == true ? total : -1, today));
});

// (c) Raising a problem: the project (by its unique code) and the department's users (by OrgId) read first, then one
// transaction: the problem, its first step, an audit entry, a notice to each of the department's users; the answer is
// the problem as saved (~1 KB). Left out: the problem's change number (ProblemChanges, decision 013), the escalation
// ladder and working-day calendar (the 办理时限 here is five days on), and the checks of title, category and department.
api.MapPost("/problems", async (HttpContext http, Db d, RaiseBody body) =>
{
    var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
    var userName = http.User.FindFirstValue(ClaimTypes.Name)!;
    var actorPath = http.User.FindFirstValue("kp:orgpath")!;
    var now = DateTime.UtcNow;
    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).DateTime);
    var due = today.AddDays(5);
    await using var c = await d.OpenAsync();
    int projectId, orgId;
    string projectName, orgPath;
    await using (var cmd = d.Command(c, """
        SELECT p."Id", p."OrgId", p."Name", o."Path" FROM "Projects" p JOIN "Organisations" o ON o."Id" = p."OrgId" WHERE p."Code" = @code
        """, ("code", body.ProjectCode.Trim().ToUpperInvariant())))
    await using (var r = await cmd.ExecuteReaderAsync())
    {
        if (!await r.ReadAsync()) return Results.ValidationProblem(new Dictionary<string, string[]> { ["projectCode"] = ["unknown"] });
        (projectId, orgId, projectName, orgPath) = (r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3));
    }
    if (!orgPath.StartsWith(actorPath, StringComparison.Ordinal)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["projectCode"] = ["unknown"] });
    var recipients = new List<string>();
    if (body.DepartmentOrgId is { } dep)
    {
        await using var cmd = d.Command(c, """SELECT "Id" FROM "AspNetUsers" WHERE "OrgId" = @org""", ("org", dep));
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) recipients.Add(r.GetString(0));
    }
    var category = Enum.TryParse<CategoryName>(body.Category, true, out var cat) ? (int)cat : 8;
    var title = body.Title.Trim();
    await using var tx = await d.BeginAsync(c);
    long id;
    await using (var cmd = d.Command(c, """
        INSERT INTO "Problems" ("ProjectId", "OrgId", "Title", "Description", "Category", "Source", "RaisedById", "RaisedByName", "RaisedAtUtc", "RaisedOn",
            "DepartmentOrgId", "Level", "Deadline", "DueOn", "Status", "UpdatedAtUtc", "Version")
        VALUES (@project, @org, @title, @description, @category, 2, @user, @userName, @now, @today, @dep, 1, @due, @due, 1, @now, 1)
        RETURNING "Id"
        """, ("project", projectId), ("org", orgId), ("title", title), ("description", (object?)body.Description ?? DBNull.Value), ("category", category),
        ("user", userId), ("userName", userName), ("now", now), ("today", d.DateValue(today)), ("dep", (object?)body.DepartmentOrgId ?? DBNull.Value),
        ("due", d.DateValue(due))))
    {
        cmd.Transaction = tx;
        id = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
    var key = id.ToString(CultureInfo.InvariantCulture);
    var changes = JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["Title"] = title, ["Project"] = projectName, ["Category"] = body.Category, ["DepartmentOrgId"] = body.DepartmentOrgId?.ToString(CultureInfo.InvariantCulture),
        ["Deadline"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Status"] = "Pending", ["Level"] = "1",
    }, RefJson.Default.DictionaryStringString);
    var sql = new System.Text.StringBuilder("""
        INSERT INTO "ProblemSteps" ("ProblemId", "Action", "FromStatus", "ToStatus", "FromLevel", "ToLevel", "Deadline", "DueOn", "DepartmentOrgId", "ActorId", "ActorName", "AtUtc")
        VALUES (@id, 1, 1, 1, 1, 1, @due, @due, @dep, @user, @userName, @now);
        INSERT INTO "AuditEntries" ("AtUtc", "UserId", "UserName", "EntityType", "EntityKey", "OrgPath", "Action", "Channel", "EntityVersion", "Changes")
        VALUES (@now, @user, @userName, 'Problem', @key, @path, 1, 'api', 1, @changes);
        """);
    var parameters = new List<(string, object?)>
    {
        ("id", id), ("due", d.DateValue(due)), ("dep", (object?)body.DepartmentOrgId ?? DBNull.Value), ("user", userId), ("userName", userName), ("now", now),
        ("key", key), ("path", orgPath), ("changes", changes), ("args", JsonSerializer.Serialize([key, title, projectName], RefJson.Default.StringArray)),
        ("link", "/problems/" + key),
    };
    for (var i = 0; i < recipients.Count; i++)
    {
        sql.Append(CultureInfo.InvariantCulture, $"""
            INSERT INTO "Notices" ("RecipientId", "Kind", "Args", "Link", "DedupeKey", "CreatedAtUtc") VALUES (@r{i}, 1, @args, @link, @dedupe, @now);
            """);
        parameters.Add(($"r{i}", recipients[i]));
    }
    parameters.Add(("dedupe", "problem-assigned:" + key));
    await using (var cmd = d.Command(c, sql.ToString(), [.. parameters]))
    {
        cmd.Transaction = tx;
        await cmd.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
    return Results.Created("/api/v1/problems/" + key, new ProblemDetailBody(id, 1, projectName, body.ProjectCode, orgId, title, body.Description, body.Category,
        "Pending", 1, due, due, today, now, userName, body.DepartmentOrgId, recipients.Count,
        [new StepBody("Raised", "Pending", "Pending", 1, 1, due, userName, now)]));
});

// (d) Submitting a month's report: the project (unique code) and its six months before (the (ProjectId, Year, Month)
// index) read first, then one transaction: the period's closure checked, the report and an audit entry written. Left
// out: the report rules' figures check and flags (ReportRules) and the schedule of the reporting period.
api.MapPost("/reports", async (HttpContext http, Db d, ReportBody body) =>
{
    var userName = http.User.FindFirstValue(ClaimTypes.Name)!;
    var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
    var now = DateTime.UtcNow;
    await using var c = await d.OpenAsync();
    int projectId, orgId;
    string orgPath;
    await using (var cmd = d.Command(c, """
        SELECT p."Id", p."OrgId", o."Path" FROM "Projects" p JOIN "Organisations" o ON o."Id" = p."OrgId" WHERE p."Code" = @code
        """, ("code", body.ProjectCode.Trim().ToUpperInvariant())))
    await using (var r = await cmd.ExecuteReaderAsync())
    {
        if (!await r.ReadAsync()) return Results.NotFound();
        (projectId, orgId, orgPath) = (r.GetInt32(0), r.GetInt32(1), r.GetString(2));
    }
    var index = body.Year * 12 + body.Month - 1;
    var recent = 0;
    await using (var cmd = d.Command(c, """
        SELECT "Id", "Year", "Month", "Status", "YtdCompleted" FROM "MonthlyReports" WHERE "ProjectId" = @p AND "Year" * 12 + "Month" - 1 <= @i
        ORDER BY "Year" DESC, "Month" DESC LIMIT 7
        """, ("p", projectId), ("i", index)))
    await using (var r = await cmd.ExecuteReaderAsync())
        while (await r.ReadAsync())
        {
            if (r.GetInt32(1) == body.Year && r.GetInt32(2) == body.Month) return Results.Conflict();
            recent++;
        }
    await using var tx = await d.BeginAsync(c);
    await using (var cmd = d.Command(c, """
        SELECT COUNT(*) FROM "PeriodClosures" WHERE "OrgId" = @org AND "Year" = @y AND "Month" = @m
        """, ("org", orgId), ("y", body.Year), ("m", body.Month)))
    {
        cmd.Transaction = tx;
        if (Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0) return Results.Conflict();
    }
    long id;
    await using (var cmd = d.Command(c, """
        INSERT INTO "MonthlyReports" ("ProjectId", "Year", "Month", "Status", "Version", "MonthCompleted", "YtdCompleted", "SinceStartCompleted", "FundsYtd",
            "FundsCentral", "FundsProvincial", "FundsLocal", "FundsBankLoan", "FundsSelfRaised", "FundsOther",
            "CumCentral", "CumProvincial", "CumLocal", "CumBankLoan", "CumSelfRaised", "CumOther",
            "StartStatus", "Workers", "ImageProgress", "Flags", "CreatedBy", "CreatedAtUtc", "UpdatedBy", "UpdatedAtUtc", "SubmittedBy", "SubmittedAtUtc", "IsLoaded")
        VALUES (@p, @y, @m, 2, 1, @month, @ytd, @ytd, @zero, @zero, @zero, @zero, @zero, @zero, @zero, @zero, @zero, @zero, @zero, @zero, @zero,
            @start, @workers, @image, 0, @user, @now, @user, @now, @user, @now, @false)
        RETURNING "Id"
        """, ("p", projectId), ("y", body.Year), ("m", body.Month), ("month", d.MoneyValue(body.MonthCompleted)), ("ytd", d.MoneyValue(body.YtdCompleted)),
        ("zero", d.MoneyValue(0m)), ("false", false), ("start", body.StartStatus == "Started" ? 2 : 1), ("workers", body.Workers), ("image", (object?)body.ImageProgress ?? DBNull.Value),
        ("user", userName), ("now", now)))
    {
        cmd.Transaction = tx;
        id = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
    var key = $"{body.ProjectCode}/{body.Year:0000}-{body.Month:00}";
    await using (var cmd = d.Command(c, """
        INSERT INTO "AuditEntries" ("AtUtc", "UserId", "UserName", "EntityType", "EntityKey", "OrgPath", "Action", "Channel", "EntityVersion", "Changes")
        VALUES (@now, @user, @userName, 'MonthlyReport', @key, @path, 1, 'api', 1, @changes)
        """, ("now", now), ("user", userId), ("userName", userName), ("key", key), ("path", orgPath),
        ("changes", JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["MonthCompleted"] = body.MonthCompleted.ToString(CultureInfo.InvariantCulture), ["YtdCompleted"] = body.YtdCompleted.ToString(CultureInfo.InvariantCulture),
            ["Status"] = "Submitted", ["Workers"] = body.Workers.ToString(CultureInfo.InvariantCulture),
        }, RefJson.Default.DictionaryStringString))))
    {
        cmd.Transaction = tx;
        await cmd.ExecuteNonQueryAsync();
    }
    await tx.CommitAsync();
    return Results.Created("/api/v1/reports/" + id.ToString(CultureInfo.InvariantCulture),
        new ReportDetailBody(id, body.ProjectCode, body.Year, body.Month, "Submitted", 1, body.MonthCompleted, body.YtdCompleted, body.Workers, body.ImageProgress,
            userName, now, recent));
});

app.Run();

static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

static DateOnly? Date(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
{
    DateOnly d => d,
    DateTime t => DateOnly.FromDateTime(t),
    string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    var v => throw new InvalidOperationException($"Not a date: {v}"),
};

public partial class Program
{
    public static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}

/// <summary>The two databases as KeyProjects stores them: on SQLite money is whole yuan (1/10000 万元) in an INTEGER, dates are text.</summary>
public sealed class Db(bool sqlite, string connectionString)
{
    private readonly NpgsqlDataSource? _postgres = sqlite ? null : NpgsqlDataSource.Create(connectionString);
    private readonly string _sqlite = sqlite ? new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 }.ToString() : "";

    public async Task<DbConnection> OpenAsync()
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync();
        var c = new SqliteConnection(_sqlite);
        await c.OpenAsync();
        return c;
    }

    /// <summary>A write transaction; on SQLite BEGIN IMMEDIATE (the write lock at once, as KeyProjects' unit of work).</summary>
    public async Task<DbTransaction> BeginAsync(DbConnection c) =>
        c is SqliteConnection s ? s.BeginTransaction(deferred: false) : await c.BeginTransactionAsync();

    public DbCommand Command(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public object DateValue(DateOnly d) => sqlite ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d;

    public object MoneyValue(decimal wan) => sqlite ? (object)(long)decimal.Round(wan * 10000m) : wan;

    public decimal Money(DbDataReader r, int i) => r.IsDBNull(i) ? 0m : sqlite ? r.GetInt64(i) / 10000m : r.GetDecimal(i);
}

public sealed record LoginBody(string UserName, string Password);
public sealed record OrgRow(int Id, string Name, string Kind);
public sealed record ProjectItem(int Id, string Code, string Name, int OrgId, string OrgName, string? Location, string? UnitName, string? ResponsibleUnit,
    int Levels, int Stage, int? Sector, decimal TotalInvestment, decimal AnnualPlan, int Construction, DateOnly? PlannedStart, DateOnly? PlannedCompletion,
    bool IsRetired, List<string> Leaders);
public sealed record ProjectPageBody(List<ProjectItem> Items, int Total, int Page, int PageSize, int PlanYear);
public sealed record ProblemItem(long Id, string Title, string ProjectCode, string ProjectName, int OrgId, int Category, int Status, int Level, DateOnly DueOn,
    DateOnly RaisedOn, int? DepartmentOrgId, string RaisedBy, bool Overdue);
public sealed record ProblemPageBody(List<ProblemItem> Items, int Total, int Overdue, DateOnly Today);
public sealed record RaiseBody(string ProjectCode, string Title, string? Description, string? Category, int? DepartmentOrgId);
public sealed record StepBody(string Action, string From, string To, int FromLevel, int ToLevel, DateOnly DueOn, string By, DateTime AtUtc);
public sealed record ProblemDetailBody(long Id, int Version, string ProjectName, string ProjectCode, int OrgId, string Title, string? Description, string? Category,
    string Status, int Level, DateOnly Deadline, DateOnly DueOn, DateOnly RaisedOn, DateTime RaisedAtUtc, string RaisedBy, int? DepartmentOrgId, int Notified,
    List<StepBody> Steps);
public sealed record ReportBody(string ProjectCode, int Year, int Month, decimal MonthCompleted, decimal YtdCompleted, string? StartStatus, int Workers,
    string? ImageProgress, bool Submit);
public sealed record ReportDetailBody(long Id, string ProjectCode, int Year, int Month, string Status, int Version, decimal MonthCompleted, decimal YtdCompleted,
    int Workers, string? ImageProgress, string SubmittedBy, DateTime SubmittedAtUtc, int MonthsBefore);

public enum OrgKindName { Province = 1, City, County, District, Zone, Township, Department, ProjectUnit }
public enum CategoryName { Approvals = 1, Land, Funding, Labour, Utilities, Environment, Demolition, Other }

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(LoginBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<OrgRow>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ProjectPageBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ProblemPageBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(RaiseBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ProblemDetailBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReportBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReportDetailBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
internal sealed partial class RefJson : System.Text.Json.Serialization.JsonSerializerContext;
