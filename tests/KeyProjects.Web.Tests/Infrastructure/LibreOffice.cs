using System.Diagnostics;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>
/// LibreOffice (which the app's PDF downloads use) and poppler-utils (which the tests read PDFs with). Without them the
/// PDF tests skip — unless KP_REQUIRE_LIBREOFFICE=1, as in CI, where they fail instead.
/// </summary>
public static class LibreOffice
{
    public static bool Required => Environment.GetEnvironmentVariable("KP_REQUIRE_LIBREOFFICE") == "1";

    /// <summary>Skips the calling test when LibreOffice or pdftotext is missing, or fails it when they are required.</summary>
    public static void EnsureAvailable()
    {
        if (OnPath("soffice") is not null && OnPath("pdftotext") is not null && OnPath("pdfinfo") is not null) return;
        const string reason = "PDF tests need LibreOffice and poppler-utils (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui fonts-noto-cjk poppler-utils).";
        if (Required) throw new InvalidOperationException($"KP_REQUIRE_LIBREOFFICE=1 but {reason}");
        Assert.Skip(reason);
    }

    private static string? OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>A PDF's pages as text (pdftotext -layout), in order.</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kp-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var text = await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", file, "-");
            return text.Split('\f').SkipLast(1).ToList(); // pdftotext ends every page with a form feed
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The size of each page in points (pdfinfo), e.g. 842 × 595 for A4 landscape.</summary>
    public static async Task<(double Width, double Height)> PageSizeAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kp-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var line = (await RunAsync("pdfinfo", file)).Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal));
            var parts = line["Page size:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
        return output;
    }
}
