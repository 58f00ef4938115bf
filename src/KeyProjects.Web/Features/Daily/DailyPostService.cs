using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Daily;
using KeyProjects.Domain.Progress;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Photos;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Daily;

/// <summary>
/// 每天必传: posting progress with photos, the project's timeline, and the 缺报 days of a project or a region.
/// Pages and API both come through here.
/// </summary>
public sealed class DailyPostService(AppDbContext db, TimeProvider clock, ProjectService projects, PhotoService photos,
    IOptions<DailyPostOptions> options)
{
    public const string AuditType = "DailyPost";

    /// <summary>The timeline shows this many days when the caller names no range.</summary>
    public const int DefaultTimelineDays = 30;

    /// <summary>An API caller may ask for at most a year of posts at once.</summary>
    public const int MaxTimelineDays = 366;

    public int BackfillDays => options.Value.BackfillDays;

    public PhotoOptions PhotoLimits => photos.Limits;

    public DateOnly Today => Display.Today(clock);

    /// <summary>
    /// Posts the text and photos for a day, all or nothing. The project must be the caller's (for a project unit: its
    /// own project) and the caller's role must report progress.
    /// </summary>
    public async Task<Result<DailyPostView>> PostAsync(Actor actor, string projectCode, string? text, DateOnly? date, IReadOnlyList<PhotoInput> photoInputs,
        CancellationToken ct = default)
    {
        var project = await HeaderAsync(actor, projectCode, ct);
        if (project is null) return Result<DailyPostView>.Fail(new NotFound(ProjectService.AuditType, ProjectCode.Normalize(projectCode)));
        var reportable = await photos.ReportableAsync(actor, project.Id, ct);
        if (!reportable.Succeeded) return Result<DailyPostView>.Fail(reportable.Errors);

        var today = Today;
        var day = date ?? today;
        var errors = DailyPostRules.Validate(text, day, today, BackfillDays).ToList();
        var checkedPhotos = await photos.CheckAllAsync(photoInputs, errors, ct);
        if (errors.Count > 0) return Result<DailyPostView>.Fail(errors);

        var post = new DailyPost
        {
            ProjectId = project.Id,
            Date = day,
            Text = text!.Trim(),
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(post);
        var orgPath = reportable.Value.OrgPath;
        // The post's id comes from the database; its photos need it, so the audit entry is completed in a second save of the same transaction.
        var entry = AuditLog.Add(db, clock, actor, AuditType, "", orgPath, AuditAction.Created, []);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        var saved = checkedPhotos.Select(p => photos.Attach(actor, project.Id, PhotoOwnerKind.DailyPost, post.Id, p)).ToList();
        AuditLog.Complete(entry, post.Id.ToString(CultureInfo.InvariantCulture), orgPath, AuditLog.Diff(null, new Dictionary<string, string?>
        {
            ["Project"] = project.Code,
            [nameof(DailyPost.Date)] = Display.Date(post.Date),
            [nameof(DailyPost.Text)] = post.Text,
            ["Photos"] = saved.Count == 0 ? null : string.Join(", ", saved.Select(p => p.Sha256[..12])),
        }), null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var infos = saved.Select(p => new PhotoInfo(p.Id, post.Id, p.ContentType, p.Width, p.Height, p.SizeBytes, p.Thumbnail is not null, p.Sha256)).ToList();
        return new DailyPostView(post.Id, post.Date, post.Text, post.AuthorName, post.CreatedAtUtc, infos);
    }

    /// <summary>A project's posts from <paramref name="from"/> to <paramref name="to"/> (default: the last 30 days), newest first.</summary>
    public async Task<Result<DailyTimeline>> TimelineAsync(Actor actor, string projectCode, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var project = await HeaderAsync(actor, projectCode, ct);
        if (project is null) return Result<DailyTimeline>.Fail(new NotFound(ProjectService.AuditType, ProjectCode.Normalize(projectCode)));
        var end = to ?? Today;
        var start = from ?? end.AddDays(-(DefaultTimelineDays - 1));
        if (start > end) return Result<DailyTimeline>.Fail(new FieldInvalid("from", "Error.Daily.RangeReversed"));
        if (end.DayNumber - start.DayNumber >= MaxTimelineDays) return Result<DailyTimeline>.Fail(new FieldInvalid("from", "Error.Daily.RangeTooLong", MaxTimelineDays));

        var posts = await db.DailyPosts.AsNoTracking()
            .Where(p => p.ProjectId == project.Id && p.Date >= start && p.Date <= end)
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
            .ToListAsync(ct);
        var pictures = await photos.ListAsync(actor, PhotoOwnerKind.DailyPost, posts.Select(p => p.Id).ToList(), ct);
        var views = posts.Select(p => new DailyPostView(p.Id, p.Date, p.Text, p.AuthorName, p.CreatedAtUtc, pictures[p.Id].ToList())).ToList();
        var canPost = (await photos.ReportableAsync(actor, project.Id, ct)).Succeeded;
        return new DailyTimeline(project, start, end, views, canPost);
    }

    /// <summary>The days of the month the project owes a post and has none.</summary>
    public async Task<Result<ProjectMissingDays>> MissingForProjectAsync(Actor actor, string projectCode, Period month, CancellationToken ct = default)
    {
        var project = await HeaderAsync(actor, projectCode, ct);
        if (project is null) return Result<ProjectMissingDays>.Fail(new NotFound(ProjectService.AuditType, ProjectCode.Normalize(projectCode)));
        var today = Today;
        var (from, to) = DailyPostRules.DueRange(month, project.ActualStart, project.ActualCompletion, today);
        var posted = from > to ? [] : await db.DailyPosts.AsNoTracking()
            .Where(p => p.ProjectId == project.Id && p.Date >= from && p.Date <= to)
            .Select(p => p.Date).Distinct().ToListAsync(ct);
        var missing = DailyPostRules.MissingDays(month, project.ActualStart, project.ActualCompletion, today, posted.ToHashSet());
        return new ProjectMissingDays(project, month, from > to ? null : from, from > to ? null : to, missing, posted.Count);
    }

    /// <summary>
    /// For every project of an organisation's subtree that owed posts in the month, how many days it owed, posted and
    /// missed; most missed first. Not found when the organisation is outside the caller's subtree.
    /// </summary>
    public async Task<Result<OrgMissingDays>> MissingForOrgAsync(Actor actor, int? orgId, Period month, CancellationToken ct = default)
    {
        var id = orgId ?? actor.OrgId;
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Id, o.Name, o.Path }).SingleOrDefaultAsync(ct);
        if (org is null || !actor.Covers(org.Path))
            return Result<OrgMissingDays>.Fail(new NotFound("Organisation", id.ToString(CultureInfo.InvariantCulture)));

        var today = Today;
        var first = month.FirstDay;
        var last = month.LastDay < today ? month.LastDay : today;
        if (first > last) return new OrgMissingDays(org.Id, org.Name, month, []);

        // Started by the end of the range and not completed before the month: they owed at least one day.
        // A node's daily posts are owed by the projects on its list and those its units build.
        var owing = projects.Visible(actor).Where(new Subtree(org.Path).HoldingAny<Project>(p => p.Org!.Path, p => p.UnitOrg!.Path)).Where(p => !p.IsRetired
                && p.ActualStart != null && p.ActualStart <= last
                && (p.ActualCompletion == null || p.ActualCompletion >= first));
        var list = await owing.AsNoTracking()
            .Select(p => new { p.Id, p.Code, p.Name, OrgName = p.Org!.Name, p.ActualStart, p.ActualCompletion })
            .ToListAsync(ct);
        var ids = owing.Select(p => p.Id);
        var posted = (await db.DailyPosts.AsNoTracking()
                .Where(d => d.Date >= first && d.Date <= last && ids.Contains(d.ProjectId))
                .Select(d => new { d.ProjectId, d.Date }).Distinct().ToListAsync(ct))
            .ToLookup(d => d.ProjectId, d => d.Date);

        var rows = new List<MissingRow>(list.Count);
        foreach (var p in list)
        {
            var (from, to) = DailyPostRules.DueRange(month, p.ActualStart, p.ActualCompletion, today);
            if (from > to) continue;
            var days = posted[p.Id].ToHashSet();
            var missing = DailyPostRules.MissingDays(month, p.ActualStart, p.ActualCompletion, today, days).Count;
            var due = to.DayNumber - from.DayNumber + 1;
            rows.Add(new MissingRow(p.Code, p.Name, p.OrgName, due, due - missing, missing));
        }
        rows.Sort((a, b) => b.MissingDays != a.MissingDays ? b.MissingDays.CompareTo(a.MissingDays) : string.CompareOrdinal(a.Code, b.Code));
        return new OrgMissingDays(org.Id, org.Name, month, rows);
    }

    private Task<ProjectHeader?> HeaderAsync(Actor actor, string code, CancellationToken ct)
    {
        var normalized = ProjectCode.Normalize(code);
        return projects.Visible(actor).AsNoTracking().Where(p => p.Code == normalized)
            .Select(p => new ProjectHeader(p.Id, p.Code, p.Name, p.Org!.Name, p.ActualStart, p.ActualCompletion))
            .SingleOrDefaultAsync(ct);
    }
}
