using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Notices;
using KeyProjects.Domain.Problems;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Calendar;
using KeyProjects.Web.Features.Notices;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Problems;

/// <summary>
/// Who is told what about a problem, through the inbox (and e-mail for what is due, overdue or escalated): the
/// department when it is assigned one and when it falls due or overdue, the raiser when it is answered, the owners of the
/// new level when it escalates. Each notice is keyed, so a sweep run again (or on two servers) tells nobody twice.
/// </summary>
public sealed class ProblemNotices(AppDbContext db, NoticeService notices, ProjectIndex index, WorkingDays workingDays, IOptions<ProblemOptions> options,
    TimeProvider clock)
{
    /// <summary>How many days back the sweep still tells a department a problem went overdue (if it missed the first day).</summary>
    public const int OverdueLookbackDays = 7;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Link(long id) => "/problems/" + Id(id);

    private async Task<string> ProjectNameAsync(int projectId, CancellationToken ct) =>
        (await index.CurrentAsync(db, ct)).ById.TryGetValue(projectId, out var p) ? p.Name : "";

    /// <summary>The department's users (and its sub-units'), or, while unassigned, the service officers of the project's county.</summary>
    private async Task<IReadOnlyList<string>> HandlersAsync(Problem p, CancellationToken ct)
    {
        if (p.DepartmentOrgId is { } d) return await notices.UsersAsync(Role.Department, d, subtree: true, ct);
        var s = await index.CurrentAsync(db, ct);
        return ProblemService.OwnerOf(s, p.OrgId, LadderScope.County) is { } county
            ? await notices.UsersAsync(Role.ServiceOfficer, county.Id, subtree: false, ct)
            : [];
    }

    /// <summary>The users <see cref="AssignedAsync"/> tells, to be read before a transaction.</summary>
    public async Task<IReadOnlyList<string>> AssignedRecipientsAsync(Problem p, CancellationToken ct) =>
        p.DepartmentOrgId is { } d ? await notices.UsersAsync(Role.Department, d, subtree: true, ct) : [];

    public async Task AssignedAsync(Problem p, CancellationToken ct, IReadOnlyList<string>? recipients = null)
    {
        if (p.DepartmentOrgId is not { } d) return;
        await notices.NotifyAsync(recipients ?? await notices.UsersAsync(Role.Department, d, subtree: true, ct), NoticeKind.ProblemAssigned,
            $"problem:{Id(p.Id)}:assigned:{d.ToString(CultureInfo.InvariantCulture)}:{p.Version.ToString(CultureInfo.InvariantCulture)}", Link(p.Id),
            [p.Title, await ProjectNameAsync(p.ProjectId, ct), Display.Date(p.DueOn)], ct);
    }

    public async Task AnsweredAsync(Problem p, CancellationToken ct) =>
        await notices.NotifyAsync([p.RaisedById], NoticeKind.ProblemAnswered, $"problem:{Id(p.Id)}:answered:{p.Version.ToString(CultureInfo.InvariantCulture)}",
            Link(p.Id), [p.Title, await ProjectNameAsync(p.ProjectId, ct), p.AnsweredByName ?? ""], ct);

    /// <summary>The new level's owners (their roles at the project's county or city), and the department.</summary>
    public async Task EscalatedAsync(IReadOnlyList<EscalatedProblem> moved, CancellationToken ct)
    {
        var s = await index.CurrentAsync(db, ct);
        var batch = new Batch(db, clock);
        var departments = new Dictionary<int, List<int>>();
        List<int> OwnDepartments(int orgId)
        {
            if (!departments.TryGetValue(orgId, out var list))
                departments[orgId] = list = s.Orgs.Values.Where(o => o.ParentId == orgId && o.Kind == Domain.Organisations.OrgKind.Department && o.IsActive)
                    .Select(o => o.Id).ToList();
            return list;
        }
        foreach (var chunk in moved.Chunk(1000))
        {
            var ids = chunk.Select(m => m.Id).ToList();
            var problems = await db.Set<Problem>().AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.OrgId, p.ProjectId, p.Title, p.DepartmentOrgId }).ToDictionaryAsync(p => p.Id, ct);
            foreach (var m in chunk)
            {
                if (!problems.TryGetValue(m.Id, out var p)) continue;
                var level = options.Value.LadderFor(p.OrgId, s.Orgs).Level(m.Level);
                var recipients = new List<string>();
                if (ProblemService.OwnerOf(s, p.OrgId, level.Scope) is { } org)
                    foreach (var role in level.Owners)
                        if (role != Role.Department) recipients.AddRange(await batch.UsersAsync(role, org.Id, subtree: false, ct));
                        // 市直部门 (or 县直部门): the departments of the owning county or city itself, not those of the places below it.
                        else foreach (var department in OwnDepartments(org.Id))
                                recipients.AddRange(await batch.UsersAsync(Role.Department, department, subtree: true, ct));
                recipients.AddRange(await HandlersAsync(batch, s, p.DepartmentOrgId, p.OrgId, ct));
                batch.Add(recipients, NoticeKind.ProblemEscalated, $"problem:{Id(p.Id)}:level:{m.Level.ToString(CultureInfo.InvariantCulture)}", Link(p.Id),
                    [p.Title, s.ById.TryGetValue(p.ProjectId, out var project) ? project.Name : "", m.Level.ToString(CultureInfo.InvariantCulture), Display.Date(m.Deadline)]);
            }
        }
        await batch.SaveAsync(ct);
    }

    /// <summary>
    /// Open problems due today or tomorrow (到期提醒) and those that went past their 办理时限 in the last week (逾期提醒), to
    /// their handlers: once per problem and date.
    /// </summary>
    public async Task<int> DueAndOverdueAsync(CancellationToken ct)
    {
        var today = Display.Today(clock);
        var calendar = await workingDays.CurrentAsync(db, ct);
        var s = await index.CurrentAsync(db, ct);
        var soon = calendar.AddWorkingDays(today, 1);
        var from = today.AddDays(-OverdueLookbackDays);
        var rows = await db.Set<Problem>().AsNoTracking()
            .Where(p => (p.Status == ProblemStatus.Pending || p.Status == ProblemStatus.InProgress || p.Status == ProblemStatus.Returned)
                && p.DueOn >= from && p.DueOn <= soon)
            .Select(p => new { p.Id, p.OrgId, p.ProjectId, p.Title, p.DepartmentOrgId, p.DueOn })
            .ToListAsync(ct);
        var batch = new Batch(db, clock);
        foreach (var p in rows)
        {
            var overdue = p.DueOn < today;
            var kind = overdue ? NoticeKind.ProblemOverdue : NoticeKind.ProblemDueSoon;
            var project = s.ById.TryGetValue(p.ProjectId, out var ip) ? ip.Name : "";
            string[] args = overdue
                ? [p.Title, project, Display.Date(p.DueOn), calendar.WorkingDaysBetween(p.DueOn, today).ToString(CultureInfo.InvariantCulture)]
                : [p.Title, project, Display.Date(p.DueOn)];
            batch.Add(await HandlersAsync(batch, s, p.DepartmentOrgId, p.OrgId, ct), kind,
                $"problem:{Id(p.Id)}:{(overdue ? "overdue" : "due")}:{Display.Date(p.DueOn)}", Link(p.Id), args);
        }
        return await batch.SaveAsync(ct);
    }

    /// <summary><see cref="HandlersAsync(Problem, CancellationToken)"/> for the sweep, with the users looked up once per organisation.</summary>
    private static async Task<IReadOnlyList<string>> HandlersAsync(Batch batch, ProjectSnapshot s, int? department, int orgId, CancellationToken ct)
    {
        if (department is { } d) return await batch.UsersAsync(Role.Department, d, subtree: true, ct);
        return ProblemService.OwnerOf(s, orgId, LadderScope.County) is { } county
            ? await batch.UsersAsync(Role.ServiceOfficer, county.Id, subtree: false, ct)
            : [];
    }

    /// <summary>
    /// The sweep's notices, tens of thousands at a time: the same rows as <see cref="NoticeService.NotifyAsync"/> writes
    /// (same checks, same ON CONFLICT on (RecipientId, DedupeKey), so a notice already there is left alone), but in one
    /// transaction for the run instead of a transaction and a statement per recipient through EF; the users are read
    /// once per run instead of two queries per problem (docs/PERFORMANCE.md, issue 4).
    /// </summary>
    private sealed class Batch(AppDbContext db, TimeProvider clock)
    {
        private readonly List<(string User, int Kind, string Args, string Link, string Key)> _rows = [];
        private readonly Dictionary<(Role, int, bool), IReadOnlyList<string>> _users = [];
        private List<(string Id, Role Role, int OrgId, string Path)>? _all;

        /// <summary>As <see cref="NoticeService.UsersAsync"/>: active users of a role at an organisation (or in its subtree); all users read once.</summary>
        public async Task<IReadOnlyList<string>> UsersAsync(Role role, int orgId, bool subtree, CancellationToken ct)
        {
            if (_users.TryGetValue((role, orgId, subtree), out var users)) return users;
            _all ??= (await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Role, u.OrgId, u.Org!.Path }).ToListAsync(ct))
                .Select(u => (u.Id, u.Role, u.OrgId, u.Path)).ToList();
            var path = _all.FirstOrDefault(u => u.OrgId == orgId).Path ?? await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct);
            users = path is null
                ? []
                : _all.Where(u => u.Role == role && (subtree ? u.Path.StartsWith(path, StringComparison.Ordinal) : u.OrgId == orgId))
                    .Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
            _users[(role, orgId, subtree)] = users;
            return users;
        }

        public void Add(IEnumerable<string> userIds, NoticeKind kind, string dedupeKey, string link, IReadOnlyList<string> args)
        {
            if (string.IsNullOrWhiteSpace(dedupeKey) || dedupeKey.Length > NoticeRules.MaxDedupeKeyLength)
                throw new ArgumentException($"A dedupe key of 1 to {NoticeRules.MaxDedupeKeyLength} characters is required.", nameof(dedupeKey));
            if (!NoticeRules.IsLocalLink(link)) throw new ArgumentException("A notice links to a path of this site.", nameof(link));
            var json = System.Text.Json.JsonSerializer.Serialize(args);
            foreach (var user in userIds.Where(u => !string.IsNullOrEmpty(u)).Distinct(StringComparer.Ordinal))
                _rows.Add((user, (int)kind, json, link, dedupeKey));
        }

        /// <summary>
        /// Writes the rows in one transaction: on SQLite one prepared INSERT run per row, on PostgreSQL one INSERT … SELECT
        /// FROM unnest(arrays) per 10,000 rows; both ON CONFLICT DO NOTHING, as NotifyAsync. Returns the rows created.
        /// </summary>
        public async Task<int> SaveAsync(CancellationToken ct)
        {
            if (_rows.Count == 0) return 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var created = 0;
            await using var tx = await db.UnitOfWorkAsync(ct);
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            const string Insert = """INSERT INTO "Notices" ("RecipientId", "Kind", "Args", "Link", "DedupeKey", "CreatedAtUtc") """;
            const string OnConflict = """ ON CONFLICT ("RecipientId", "DedupeKey") DO NOTHING""";
            if (db.Database.IsSqlite())
            {
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = transaction;
                cmd.CommandText = Insert + "VALUES ($r, $k, $a, $l, $d, $c)" + OnConflict;
                var p = new[] { "$r", "$k", "$a", "$l", "$d", "$c" }.Select(n => { var x = cmd.CreateParameter(); x.ParameterName = n; cmd.Parameters.Add(x); return x; }).ToArray();
                p[5].Value = now;
                cmd.Prepare();
                foreach (var r in _rows)
                {
                    p[0].Value = r.User; p[1].Value = r.Kind; p[2].Value = r.Args; p[3].Value = r.Link; p[4].Value = r.Key;
                    created += cmd.ExecuteNonQuery();
                }
            }
            else
            {
                foreach (var chunk in _rows.Chunk(10_000))
                {
                    await using var cmd = (Npgsql.NpgsqlCommand)connection.CreateCommand();
                    cmd.Transaction = (Npgsql.NpgsqlTransaction?)transaction;
                    cmd.CommandText = Insert + "SELECT r, k, a, l, d, @c FROM unnest(@r, @k, @a, @l, @d) AS t(r, k, a, l, d)" + OnConflict;
                    cmd.Parameters.AddWithValue("r", chunk.Select(x => x.User).ToArray());
                    cmd.Parameters.AddWithValue("k", chunk.Select(x => x.Kind).ToArray());
                    cmd.Parameters.AddWithValue("a", chunk.Select(x => x.Args).ToArray());
                    cmd.Parameters.AddWithValue("l", chunk.Select(x => x.Link).ToArray());
                    cmd.Parameters.AddWithValue("d", chunk.Select(x => x.Key).ToArray());
                    cmd.Parameters.AddWithValue("c", now);
                    created += await cmd.ExecuteNonQueryAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
            _rows.Clear();
            return created;
        }
    }
}
