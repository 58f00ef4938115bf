using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Ledger;
using KeyProjects.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;

namespace KeyProjects.Web.Features.Projects;

/// <summary>Excel in and out for both the pages and the API: the same export, the same template, the same upload limits.</summary>
public static class ProjectsExcel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A little above the 10 MB file limit, so that a file just over it reaches the check that explains.</summary>
    public const long RequestLimit = LedgerFile.MaxBytes + 2 * 1024 * 1024;

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult> ExportAsync(Actor actor, ProjectFilter filter, ProjectService projects, TimeProvider clock, CancellationToken ct)
    {
        var (planYear, orgNames, rows) = await projects.ListForExportAsync(actor, filter, ct);
        string NameOf(int id) => orgNames.TryGetValue(id, out var o) ? o.Name : "";
        var scope = filter.OrgId is { } id && orgNames.TryGetValue(id, out var chosen) && actor.Covers(chosen.Path) ? chosen.Name : NameOf(actor.OrgId);
        var title = $"{scope}{planYear}年重点项目台账";
        // A temporary file, not memory: the whole province's ledger is several megabytes, written row by row.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await LedgerWorkbook.WriteAsync(file, title, planYear,
            rows.Select(p => new LedgerWorkbook.Line(p.ToDraft(), NameOf(p.OrgId))), ct);
        file.Position = 0;
        var stamp = Display.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(file, ContentType, $"{title}_{stamp}.xlsx");
    }

    public static IResult Template()
    {
        var stream = new MemoryStream();
        LedgerWorkbook.Write(stream, "重点项目台账（导入模板）", DateTime.UtcNow.Year, []);
        stream.Position = 0;
        return TypedResults.File(stream, ContentType, "重点项目台账_导入模板.xlsx");
    }

    /// <summary>
    /// Reads the upload of the import form: the token against cross-site posts, the file, and "dry run". A body too
    /// large to read is reported as such rather than as a broken request.
    /// </summary>
    public static async Task<(IFormFile? File, bool DryRun, bool TooLarge)> ReadUploadAsync(HttpContext http, IAntiforgery? antiforgery)
    {
        var form = await Uploads.ReadFormAsync(http, RequestLimit, antiforgery);
        if (form is null) return (null, false, true);
        var dryRun = form["dryRun"].ToString() is "true" or "on" or "1";
        return (form.Files.GetFile("file") ?? form.Files.FirstOrDefault(), dryRun, false);
    }

    public static ImportOutcome TooLarge() =>
        new(0, 0, 0, 0, 0, false, [new ImportError(0, null, new RuleBroken("Error.Import.TooLarge", LedgerFile.MaxBytes / 1024 / 1024))]);
}
