using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Infrastructure;

/// <summary>Where LibreOffice is and how long a conversion may take (section <c>Documents</c>).</summary>
public sealed class DocumentOptions
{
    /// <summary>The <c>soffice</c> program; empty: <c>soffice</c> or <c>libreoffice</c> on PATH.</summary>
    public string? LibreOfficePath { get; set; }

    /// <summary>A conversion that takes longer is stopped (its process tree killed) and answered as failed.</summary>
    public int PdfTimeoutSeconds { get; set; } = 60;

    /// <summary>Conversions running at once; others wait. Each takes 6–9 s of a core and about 200 MB.</summary>
    public int PdfConcurrency { get; set; } = 2;
}

/// <summary>
/// Every Excel and Word document the app offers, also as PDF: the same file the .xlsx/.docx endpoint answers (so the same
/// scope and rights), converted by LibreOffice headless. LibreOffice is optional: without it the PDF endpoints answer 503
/// with a message saying so, and the pages show the PDF link disabled with that reason.
/// Each conversion has a profile directory of its own (two soffice processes sharing one profile wait on its lock or
/// fail), a time limit, and its files are deleted afterwards.
/// </summary>
public sealed class PdfConverter
{
    public const string ContentType = "application/pdf";

    private readonly DocumentOptions _options;
    private readonly ILogger<PdfConverter> _logger;
    private readonly SemaphoreSlim _gate;

    public PdfConverter(IOptions<DocumentOptions> options, ILogger<PdfConverter> logger)
    {
        _options = options.Value;
        _logger = logger;
        _gate = new SemaphoreSlim(Math.Max(1, _options.PdfConcurrency));
        ProgramPath = Find(_options.LibreOfficePath);
    }

    /// <summary>The LibreOffice program found, or null when PDF downloads are not available.</summary>
    public string? ProgramPath { get; }

    public bool IsAvailable => ProgramPath is not null;

    private static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { "soffice", "libreoffice" }.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The PDF of a download a handler answered: a file is converted (named as before, ending in .pdf); any other answer
    /// (not found, forbidden, a problem) is passed on unchanged. Without LibreOffice the handler is not run at all.
    /// </summary>
    public async Task<IResult> PageAsync(Func<Task<IResult>> download, UiText t, CancellationToken ct)
    {
        if (!IsAvailable) return Pages.Render<Features.Account.MessagePage>(new { Code = "503", Title = t.Get("Pdf.Unavailable"), Message = t.Get("Pdf.UnavailableText") },
            StatusCodes.Status503ServiceUnavailable);
        var answer = await download();
        var converted = await ConvertAsync(answer, ct);
        if (converted is null) return answer;
        return converted.Value.Pdf is { } pdf
            ? TypedResults.File(pdf, ContentType, converted.Value.Name)
            : Pages.Render<Features.Account.MessagePage>(new { Code = "503", Title = t.Get("Pdf.Failed"), Message = t.Get("Pdf.FailedText") },
                StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The API's form of <see cref="PageAsync"/>: a failure stays the handler's typed problem, PDF trouble is a 503 ProblemDetails.</summary>
    public async Task<Results<FileContentHttpResult, TProblem, PdfProblem>> ApiAsync<TFile, TProblem>(Func<Task<Results<TFile, TProblem>>> download, UiText t,
        CancellationToken ct) where TFile : IResult where TProblem : IResult
    {
        if (!IsAvailable) return PdfProblem.Of(t, "Pdf.Unavailable", "Pdf.UnavailableText");
        var answer = await download();
        if (answer.Result is TProblem problem) return problem;
        var converted = await ConvertAsync(answer.Result, ct);
        return converted?.Pdf is { } pdf
            ? TypedResults.File(pdf, ContentType, converted.Value.Name)
            : PdfProblem.Of(t, "Pdf.Failed", "Pdf.FailedText");
    }

    /// <summary>Null when the answer is not a file; a null PDF when the conversion failed.</summary>
    private async Task<(byte[]? Pdf, string Name)?> ConvertAsync(IResult answer, CancellationToken ct)
    {
        string? name;
        byte[] bytes;
        switch (answer)
        {
            case FileContentHttpResult f:
                name = f.FileDownloadName;
                bytes = f.FileContents.ToArray();
                break;
            case FileStreamHttpResult f:
                name = f.FileDownloadName;
                await using (var stream = f.FileStream)
                {
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy, ct);
                    bytes = copy.ToArray();
                }
                break;
            default:
                return null;
        }
        var extension = Path.GetExtension(name) is { Length: > 0 } e ? e : ".xlsx";
        var pdfName = (name is null ? "document" : Path.GetFileNameWithoutExtension(name)) + ".pdf";
        return (await ConvertAsync(bytes, extension, ct), pdfName);
    }

    /// <summary>
    /// The document (<paramref name="extension"/> says its kind: .xlsx, .docx) as PDF, or null when LibreOffice failed or
    /// took too long (logged).
    /// </summary>
    public async Task<byte[]?> ConvertAsync(byte[] document, string extension, CancellationToken ct)
    {
        var program = ProgramPath ?? throw new InvalidOperationException("PDF conversion asked for without LibreOffice; check IsAvailable first.");
        var timeout = TimeSpan.FromSeconds(Math.Max(1, _options.PdfTimeoutSeconds));
        if (!await _gate.WaitAsync(timeout, ct))
        {
            _logger.LogWarning("PDF conversion not started: {Waiting} s waiting for a free converter", timeout.TotalSeconds);
            return null;
        }
        var work = Path.Combine(Path.GetTempPath(), "kp-pdf-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(work);
            var input = Path.Combine(work, "document" + extension);
            await File.WriteAllBytesAsync(input, document, ct);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work,
            };
            foreach (var arg in new[]
            {
                "-env:UserInstallation=" + new Uri(Path.Combine(work, "profile")).AbsoluteUri,
                "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                "--convert-to", "pdf", "--outdir", work, input,
            }) start.ArgumentList.Add(arg);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start");
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                _logger.LogWarning("PDF conversion stopped after {Seconds} s", timeout.TotalSeconds);
                return null;
            }
            var pdf = Path.Combine(work, "document.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                _logger.LogWarning("PDF conversion failed (exit {Code}): {Output} {Errors}", process.ExitCode, await output, await errors);
                return null;
            }
            _logger.LogInformation("PDF conversion of a {Kind} took {Ms} ms", extension, watch.ElapsedMilliseconds);
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            _gate.Release();
            try { Directory.Delete(work, recursive: true); }
            catch (IOException ex) { _logger.LogWarning(ex, "PDF conversion's files not deleted: {Dir}", work); }
            catch (UnauthorizedAccessException ex) { _logger.LogWarning(ex, "PDF conversion's files not deleted: {Dir}", work); }
        }
    }
}

/// <summary>PDF downloads unavailable (LibreOffice not installed) or a conversion that failed: 503.</summary>
public sealed class PdfProblem : ApiProblem, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    private PdfProblem(IResult inner) : base(inner) { }

    public static PdfProblem Of(UiText t, string title, string detail) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: t.Get(title), detail: t.Get(detail)));

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status503ServiceUnavailable);
}
