using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// How wwwroot is served (decision 021): a URL carrying the file's current hash (<see cref="AssetUrls"/>) is kept for a
/// year without asking again; any other is revalidated (its ETag answers 304). Styles, scripts and SVG go compressed:
/// from the Brotli and gzip siblings <c>dotnet publish</c> writes next to each file (<c>app.css.br</c>, <c>app.css.gz</c>,
/// best compression, no CPU per request) when they are there, else by <c>UseResponseCompression</c> as they are sent
/// (under <c>dotnet run</c> and in the tests, which serve the source wwwroot).
/// </summary>
public static class StaticAssetServing
{
    public const string Immutable = "public,max-age=31536000,immutable";
    public const string Revalidate = "no-cache";

    private static readonly string[] Compressible = [".css", ".js", ".svg"];
    private static readonly (string Token, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public static IApplicationBuilder UseFingerprintedStaticFiles(this WebApplication app)
    {
        var urls = app.Services.GetRequiredService<AssetUrls>();
        var files = app.Environment.WebRootFileProvider;
        app.Use((context, next) =>
        {
            ServePrecompressed(context, files);
            return next(context);
        });
        return app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new PrecompressedContentTypes(),
            OnPrepareResponse = file =>
            {
                var response = file.Context.Response;
                var path = file.Context.Request.Path.Value ?? "";
                var encoding = Encodings.FirstOrDefault(e => path.EndsWith(e.Suffix, StringComparison.Ordinal));
                if (encoding.Token is not null && IsCompressible(path[..^encoding.Suffix.Length]))
                {
                    path = path[..^encoding.Suffix.Length];
                    response.Headers.ContentEncoding = encoding.Token;
                }
                if (IsCompressible(path) && !response.Headers.Vary.Contains(HeaderNames.AcceptEncoding))
                    response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                var asked = file.Context.Request.Query[AssetUrls.VersionKey];
                response.Headers.CacheControl = asked.Count == 1 && asked[0] == urls.Version(path) ? Immutable : Revalidate;
            },
        });
    }

    /// <summary>Points the request at the precompressed sibling of the file in the best encoding the client accepts.</summary>
    private static void ServePrecompressed(HttpContext context, IFileProvider files)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (path is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !IsCompressible(path)) return;
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted)) return;
        foreach (var (token, suffix) in Encodings)
        {
            if (!accepted.Any(a => a.Value.Equals(token, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0)) continue;
            if (!files.GetFileInfo(path + suffix).Exists) continue;
            request.Path = path + suffix;
            return;
        }
    }

    private static bool IsCompressible(string path) => Compressible.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The type of <c>x.css.br</c> is that of <c>x.css</c>; its encoding is set in OnPrepareResponse.</summary>
    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, suffix) in Encodings)
            {
                if (subpath.EndsWith(suffix, StringComparison.Ordinal) && IsCompressible(subpath[..^suffix.Length]))
                    return _types.TryGetContentType(subpath[..^suffix.Length], out contentType!);
            }
            return _types.TryGetContentType(subpath, out contentType!);
        }
    }
}
