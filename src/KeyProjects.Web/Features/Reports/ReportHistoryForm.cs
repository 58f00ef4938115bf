using System.Globalization;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Ledger;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Features.Projects;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;

namespace KeyProjects.Web.Features.Reports;

/// <summary>The upload of a month's ledger as history, shared by the page and the API: size limit, fields, import.</summary>
public static class ReportHistoryForm
{
    public sealed record Fields(string? Year, string? Month, string? KnownFrom);

    public static async Task<(HistoryOutcome Outcome, Fields Fields)> RunAsync(HttpContext http, Actor actor, ReportHistoryImport import, IAntiforgery? antiforgery,
        CancellationToken ct)
    {
        var empty = new Fields(null, null, null);
        if (!actor.Can(Permission.LoadReportHistory)) return (new HistoryOutcome(0, [new ImportError(0, null, new Forbidden("Error.Report.CannotLoad"))]), empty);
        var form = await Uploads.ReadFormAsync(http, ProjectsExcel.RequestLimit, antiforgery, ct);
        if (form is null) return (Too(), empty);
        var fields = new Fields(form["year"], form["month"], form["knownFrom"]);
        var errors = new List<ImportError>();
        if (!int.TryParse(fields.Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            | !int.TryParse(fields.Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || !new Period(year, month).IsValid)
            errors.Add(new ImportError(0, null, new FieldInvalid("Period", "Error.Report.PeriodInvalid")));
        DateOnly? knownFrom = null;
        if (!string.IsNullOrWhiteSpace(fields.KnownFrom))
        {
            if (DateOnly.TryParseExact(fields.KnownFrom.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) knownFrom = d;
            else errors.Add(new ImportError(0, null, new FieldInvalid("KnownFrom", "Error.NotADate")));
        }
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null) errors.Add(new ImportError(0, null, new RuleBroken("Error.Import.NoFile")));
        if (errors.Count > 0) return (new HistoryOutcome(0, errors), fields);
        await using var stream = file!.OpenReadStream();
        return (await import.ImportAsync(actor, stream, new Period(year, month), knownFrom, ct), fields);
    }

    private static HistoryOutcome Too() =>
        new(0, [new ImportError(0, null, new RuleBroken("Error.Import.TooLarge", LedgerFile.MaxBytes / 1024 / 1024))]);

    public static string Describe(UiText t, ImportError e) =>
        e.Row > 0 ? t.Format("Reports.History.RowError", e.Row, e.Column ?? "", t.Describe(e.Error)) : t.Describe(e.Error);
}
