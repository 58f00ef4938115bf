using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Organisations;
using KeyProjects.Domain.Projects;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Organisations;
using KeyProjects.Web.Infrastructure;
using KeyProjects.Web.Infrastructure.Changes;
using Microsoft.EntityFrameworkCore;

namespace KeyProjects.Web.Features.Projects;

/// <summary>What an import did, or every reason it did nothing.</summary>
public sealed record ImportOutcome(int Rows, int Created, int Updated, int Unchanged, int PlanYear, bool DryRun, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports a ledger: every row is checked first — cell by cell, then as a whole project against the registry's rules
/// and the caller's subtree — and nothing is written unless the whole file is good. Rows update the project with
/// their 项目代码 or create it; the whole import is one transaction, audited project by project.
/// </summary>
public sealed class ProjectImport(AppDbContext db, TimeProvider clock, OrgService orgs)
{
    private const int Chunk = 250;
    private const int BulkChunk = 2000;

    /// <summary>A checked row, ready to write: the project as the row states it and, if registered, what it was.</summary>
    /// <summary>
    /// A row's plan. <paramref name="TakenOutside"/>: the code belongs to a project outside the caller's subtree; the row
    /// reads as a new project (whether a code exists elsewhere is not the caller's to learn from a check) and is refused
    /// only by the import itself, with the message any duplicate code gets.
    /// </summary>
    private sealed record Step(int Row, string Code, ProjectDraft Draft, int? ExistingVersion, string? ExistingPath, bool TakenOutside = false);

    /// <summary>A registered project as far as an import needs it: its version, region and data.</summary>
    private sealed record Known(int Version, string OrgPath, bool IsRetired, ProjectDraft Draft);

    public async Task<ImportOutcome> ImportAsync(Actor actor, Stream file, bool dryRun, CancellationToken ct = default)
    {
        var today = Display.Today(clock);
        if (!actor.Can(Permission.ImportProjects))
            return Failed(today.Year, dryRun, new ImportError(0, null, new Forbidden("Error.Forbidden")));

        var table = await LedgerFile.ReadAsync(file, ct);
        if (!table.Succeeded) return Failed(today.Year, dryRun, table.Errors.Select(e => new ImportError(0, null, e)).ToArray());
        using var cells = table.Value;
        var regionPaths = (await orgs.RegionsAsync(actor, ct)).ToDictionary(r => r.Id, r => r.Path);
        LedgerStream sheet;
        List<Step> steps;
        List<ImportError> errors;
        try
        {
            sheet = LedgerReader.Stream(cells.Rows, cells.FormulaCells, today.Year);
            (steps, errors) = await CheckAsync(actor, sheet, today, ct);
        }
        catch (Exception e) when (LedgerFile.IsDamaged(e))
        {
            // A file that opens but breaks while its rows are read.
            return Failed(today.Year, dryRun, new ImportError(0, null, new RuleBroken("Error.Import.Unreadable")));
        }
        if (cells.TooManyRows) return Failed(today.Year, dryRun, new ImportError(0, null, new RuleBroken("Error.Import.TooManyRows", LedgerFile.MaxRows)));

        if (errors.Count == 0 && !dryRun && steps.Any(p => p.TakenOutside))
            errors = steps.Where(p => p.TakenOutside)
                .Select(p => new ImportError(p.Row, sheet.HeaderText(LedgerColumn.Code), new FieldInvalid(nameof(ProjectDraft.Code), "Error.Project.CodeTaken", p.Code))).ToList();
        if (errors.Count > 0 || dryRun)
            return new ImportOutcome(steps.Count, steps.Count(p => p.ExistingVersion is null), steps.Count(p => p.ExistingVersion is not null), 0, sheet.PlanYear, dryRun, errors);
        return await ApplyAsync(actor, steps, regionPaths, sheet.PlanYear, sheet.HeaderText(LedgerColumn.Code), ct);
    }

    /// <summary>
    /// Every row against the registry's rules and the caller's subtree, as the rows are read, a chunk at a time: what
    /// is registered for a chunk is held only while it is checked, and only the resulting drafts are kept. Nothing is
    /// written.
    /// </summary>
    private async Task<(List<Step> Steps, List<ImportError> Errors)> CheckAsync(Actor actor, LedgerStream sheet, DateOnly today, CancellationToken ct)
    {
        var checks = new List<ImportError>();
        var regionsByName = await orgs.RegionsByNameAsync(actor, ct);
        var actorOrg = await orgs.FindAsync(actor.OrgId, ct);
        var defaultOrg = actorOrg is not null && OrgTree.IsRegion(actorOrg.Kind) ? actorOrg.Id : (int?)null;

        var steps = new List<Step>();
        var unreadable = new Dictionary<int, HashSet<string?>>();
        var seen = 0;
        foreach (var chunk in sheet.Rows.Chunk(KnownChunk))
        {
            // Cells the reader could not read so far (errors of a row are known once the row is).
            for (; seen < sheet.Errors.Count; seen++)
            {
                var e = sheet.Errors[seen];
                if (!unreadable.TryGetValue(e.Row, out var columns)) unreadable[e.Row] = columns = [];
                columns.Add(e.Column);
            }
            foreach (var (row, current) in Pair(chunk, await KnownAsync(chunk.Select(r => r.Code).ToList(), ct)))
            {
                var rowErrors = new List<ImportError>();
                var takenOutside = current is not null && !actor.Covers(current.OrgPath);
                var known = takenOutside ? null : current;
                if (known is { IsRetired: true })
                {
                    checks.Add(new ImportError(row.RowNumber, sheet.HeaderText(LedgerColumn.Code), new RuleBroken("Error.Import.ProjectRetired", row.Code)));
                    continue;
                }

                int? orgId = null;
                if (sheet.OrgNames.TryGetValue(row.RowNumber, out var orgName))
                {
                    if (!regionsByName.TryGetValue(LedgerText.Normalize(orgName), out var found))
                        rowErrors.Add(new ImportError(row.RowNumber, sheet.HeaderText(LedgerColumn.Org), new RuleBroken("Error.Import.OrgUnknown", orgName)));
                    else if (found.Count > 1)
                        rowErrors.Add(new ImportError(row.RowNumber, sheet.HeaderText(LedgerColumn.Org), new RuleBroken("Error.Import.OrgAmbiguous", orgName)));
                    else orgId = found[0].Id;
                }
                else if (known is null)
                {
                    if (defaultOrg is null) rowErrors.Add(new ImportError(row.RowNumber, sheet.HeaderText(LedgerColumn.Org), new RuleBroken("Error.Import.OrgRequired")));
                    orgId = defaultOrg;
                }

                var draft = row.ApplyTo(known?.Draft ?? new ProjectDraft(), sheet.PlanYear, orgId);
                if (known is null && !row.Has(LedgerColumn.Stage))
                    draft = draft with
                    {
                        Stage = draft.ActualCompletion is not null ? ProjectStage.Completed
                            : draft.ActualStart is not null ? ProjectStage.UnderConstruction : ProjectStage.Procedures,
                    };

                // A cell that could not be read is reported once, not again by the rule about the value it would have had.
                var unread = unreadable.GetValueOrDefault(row.RowNumber);
                if (rowErrors.Count == 0)
                    foreach (var e in ProjectRules.Validate(draft, today))
                    {
                        var column = LedgerRow.ColumnOf(e.Field, draft) is { } col ? sheet.HeaderText(col) : null;
                        if (unread?.Contains(column) != true) rowErrors.Add(new ImportError(row.RowNumber, column, e));
                    }
                checks.AddRange(rowErrors);
                steps.Add(new Step(row.RowNumber, row.Code, draft, known?.Version, known?.OrgPath, takenOutside));
            }
        }
        var errors = sheet.Errors.Concat(checks).OrderBy(e => e.Row).ToList();
        if (steps.Count == 0 && errors.Count == 0) errors.Add(new ImportError(0, null, new RuleBroken("Error.Import.NoRows")));
        return (steps, errors);
    }

    private const int KnownChunk = 1000;

    private static IEnumerable<(LedgerRow Row, Known? Current)> Pair(LedgerRow[] rows, Dictionary<string, Known> known) =>
        rows.Select(r => (r, known.GetValueOrDefault(r.Code)));

    /// <summary>The registered projects with these codes, kept only as drafts with their version and region.</summary>
    private async Task<Dictionary<string, Known>> KnownAsync(List<string> codes, CancellationToken ct)
    {
        var projects = await db.Projects.AsNoTracking()
            .Include(p => p.Org).Include(p => p.YearPlans).Include(p => p.Lists).Include(p => p.Team)
            .Where(p => codes.Contains(p.Code)).AsSplitQuery().ToListAsync(ct);
        return projects.ToDictionary(p => p.Code, p => new Known(p.Version, p.Org!.Path, p.IsRetired, p.ToDraft()), StringComparer.Ordinal);
    }

    private async Task<ImportOutcome> ApplyAsync(Actor actor, List<Step> plan, Dictionary<int, string> regionPaths, int planYear, string codeHeader, CancellationToken ct)
    {
        var importer = actor with { Channel = "import" };
        var nodes = await NamedNodes.LoadAsync(db, actor.OrgPath, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, unchanged = 0;

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var nextSeq = await ChangeCounter.NextAsync(db, Counter.Projects, plan.Count, ct) - plan.Count + 1;

            // New projects: many rows at once (a whole province's ledger is 20,000 projects and ~150,000 rows), a chunk
            // at a time so that only one chunk's rows are in memory.
            var fresh = plan.Where(p => p.ExistingVersion is null).ToList();
            var ids = await BulkWriter.ReserveIdsAsync<Project>(db, fresh.Count, ct);
            for (var start = 0; start < fresh.Count; start += BulkChunk)
            {
                var projects = new List<Project>(BulkChunk);
                var audits = new List<AuditEntry>(BulkChunk);
                for (var i = start; i < Math.Min(fresh.Count, start + BulkChunk); i++)
                {
                    var (_, code, draft, _, _, _) = fresh[i];
                    var path = regionPaths[draft.OrgId];
                    var project = new Project { Id = ids[i], Code = code, Name = "", CreatedAtUtc = now, UpdatedAtUtc = now, Version = 1, ChangeSeq = nextSeq++ };
                    project.Apply(draft);
                    project.UnitOrgId = nodes.Find(project.UnitName, path, OrgKind.ProjectUnit);
                    project.ResponsibleOrgId = nodes.Find(project.ResponsibleUnit, path, OrgKind.Department);
                    foreach (var y in project.YearPlans) y.ProjectId = project.Id;
                    foreach (var l in project.Lists) l.ProjectId = project.Id;
                    foreach (var t in project.Team) t.ProjectId = project.Id;
                    projects.Add(project);
                    audits.Add(AuditLog.Create(clock, importer, ProjectService.AuditType, project.Code, path, AuditAction.Created,
                        AuditLog.Diff(null, project.AuditSnapshot()), project.Version));
                }
                await BulkWriter.InsertAsync(db, projects, ct);
                await BulkWriter.InsertAsync(db, projects.SelectMany(p => p.YearPlans).ToList(), ct);
                await BulkWriter.InsertAsync(db, projects.SelectMany(p => p.Lists).ToList(), ct);
                await BulkWriter.InsertAsync(db, projects.SelectMany(p => p.Team).ToList(), ct);
                await BulkWriter.InsertAsync(db, audits, ct);
            }
            created = fresh.Count;

            // Projects already registered: through EF, a chunk at a time, each checked against the version validated.
            foreach (var chunk in plan.Where(p => p.ExistingVersion is not null).Chunk(Chunk))
            {
                var chunkCodes = chunk.Select(c => c.Code).ToList();
                var tracked = await db.Projects
                    .Include(p => p.YearPlans).Include(p => p.Lists).Include(p => p.Team)
                    .Where(p => chunkCodes.Contains(p.Code)).AsSplitQuery().ToDictionaryAsync(p => p.Code, ct);
                foreach (var (rowNumber, code, draft, version, existingPath, _) in chunk)
                {
                    var path = regionPaths.TryGetValue(draft.OrgId, out var regionPath) ? regionPath : existingPath!;
                    var target = tracked[code];
                    if (target.Version != version)
                        throw new ImportConflictException(rowNumber, code);
                    var before = target.AuditSnapshot();
                    target.Apply(draft);
                    target.UnitOrgId = nodes.Find(target.UnitName, path, OrgKind.ProjectUnit);
                    target.ResponsibleOrgId = nodes.Find(target.ResponsibleUnit, path, OrgKind.Department);
                    var changes = AuditLog.Diff(before, target.AuditSnapshot());
                    if (changes.Count == 0) { unchanged++; continue; }
                    target.Version++;
                    target.UpdatedAtUtc = now;
                    target.ChangeSeq = nextSeq++;
                    AuditLog.Add(db, clock, importer, ProjectService.AuditType, target.Code, path, AuditAction.Updated, changes, target.Version);
                    updated++;
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is ImportConflictException or DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var (row, code) = e is ImportConflictException c ? (c.Row, c.Code) : (0, "");
            return new ImportOutcome(plan.Count, 0, 0, 0, planYear, false,
                [new ImportError(row, codeHeader, new RuleBroken("Error.Import.ChangedMeanwhile", code))]);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return new ImportOutcome(plan.Count, created, updated, unchanged, planYear, false, []);
    }

    private static ImportOutcome Failed(int year, bool dryRun, params ImportError[] errors) => new(0, 0, 0, 0, year, dryRun, errors);

    private sealed class ImportConflictException(int row, string code) : Exception("Changed during import: " + code)
    {
        public int Row { get; } = row;
        public string Code { get; } = code;
    }
}
