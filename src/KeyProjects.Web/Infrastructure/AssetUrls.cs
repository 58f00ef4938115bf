using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace KeyProjects.Web.Infrastructure;

/// <summary>
/// The URL a page links a file of wwwroot by: its path with <c>?v=</c> and a hash of its content, so that the browser
/// may keep it for a year (<see cref="StaticAssetServing"/>) and a changed file is a new URL. Decision 021 says why this
/// and not MapStaticAssets.
/// </summary>
public sealed class AssetUrls(IWebHostEnvironment environment)
{
    public const string VersionKey = "v";

    private readonly IFileProvider _files = environment.WebRootFileProvider;
    private readonly ConcurrentDictionary<string, Fingerprint> _fingerprints = new(StringComparer.Ordinal);

    /// <summary><paramref name="path"/> (from the web root, with its leading slash) with the hash of the file's content.</summary>
    public string this[string path] => $"{path}?{VersionKey}={Version(path)}";

    /// <summary>
    /// The hash of the file now. Hashed once, then again only when the file's time or length changes (an edit under
    /// <c>dotnet run</c>): a page costs one file-system look-up per asset, not a read.
    /// </summary>
    public string Version(string path)
    {
        var file = _files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory) throw new FileNotFoundException($"No static file {path} under wwwroot.", path);
        if (_fingerprints.TryGetValue(path, out var known) && known.LastModified == file.LastModified && known.Length == file.Length)
            return known.Hash;
        using var stream = file.CreateReadStream();
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        _fingerprints[path] = new Fingerprint(file.LastModified, file.Length, hash);
        return hash;
    }

    private sealed record Fingerprint(DateTimeOffset LastModified, long Length, string Hash);
}
