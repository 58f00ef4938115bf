using System.Security.Cryptography;
using KeyProjects.Domain.Access;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Media;
using KeyProjects.Web.Data;
using KeyProjects.Web.Features.Audit;
using KeyProjects.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyProjects.Web.Features.Photos;

/// <summary>
/// Photos for daily posts, monthly reports and visits: the checks (size, real image, thumbnail), the metadata
/// stripping, storage, and reading back within the caller's part of the organisation tree.
/// </summary>
public sealed class PhotoService(AppDbContext db, TimeProvider clock, ProjectService projects, IOptions<PhotoOptions> options)
{
    public const string AuditType = "Photo";
    public const string Field = "Photos";

    /// <summary>The side a thumbnail may have at most; the browser makes 320 px, an API client may send a little more.</summary>
    public const int MaxThumbnailSide = 1024;

    public PhotoOptions Limits => options.Value;

    /// <summary>
    /// Validates, strips and saves one photo of something the caller reports on (a monthly report, a visit), with its
    /// audit entry. The caller must have made sure the owner exists and belongs to the project. Not found when the
    /// project is outside the caller's subtree; forbidden when the caller's role does not report progress.
    /// </summary>
    public async Task<Result<Photo>> AddAsync(Actor actor, int projectId, PhotoOwnerKind ownerKind, long ownerId, Stream content, Stream? thumbnail,
        CancellationToken ct = default)
    {
        var project = await ReportableAsync(actor, projectId, ct);
        if (!project.Succeeded) return Result<Photo>.Fail(project.Errors);
        var check = await CheckAsync(new PhotoInput(content, Thumbnail: thumbnail), 1, ct);
        if (!check.Succeeded) return Result<Photo>.Fail(check.Errors);
        var photo = Attach(actor, projectId, ownerKind, ownerId, check.Value);
        // The photo's id comes from the database: the entry is written with the photo and completed in the same transaction.
        var entry = AuditLog.Add(db, clock, actor, AuditType, "", project.Value.OrgPath, AuditAction.Created, []);
        await using var tx = await db.UnitOfWorkAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Complete(entry, photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), project.Value.OrgPath, AuditChanges(project.Value.Code, ownerKind, ownerId, [photo]), null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return photo;
    }

    /// <summary>The project's code and organisation path if the caller may attach photos and progress to it.</summary>
    public async Task<Result<(int Id, string Code, string OrgPath)>> ReportableAsync(Actor actor, int projectId, CancellationToken ct)
    {
        var p = await projects.Visible(actor).Where(p => p.Id == projectId)
            .Select(p => new { p.Id, p.Code, Path = p.Org!.Path, p.IsRetired }).SingleOrDefaultAsync(ct);
        if (p is null) return Result<(int, string, string)>.Fail(new NotFound(ProjectService.AuditType, projectId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!actor.Can(Permission.ReportProgress)) return Result<(int, string, string)>.Fail(new Forbidden("Error.Daily.CannotReport"));
        if (p.IsRetired) return Result<(int, string, string)>.Fail(new RuleBroken("Error.Daily.ProjectRetired"));
        return (p.Id, p.Code, p.Path);
    }

    /// <summary>
    /// The photos of one form or request, checked and cleaned; their errors (too many, not an image, too large …) are added
    /// to <paramref name="errors"/>, numbered as the user picked them.
    /// </summary>
    public async Task<List<CheckedPhoto>> CheckAllAsync(IReadOnlyList<PhotoInput> inputs, List<DomainError> errors, CancellationToken ct = default)
    {
        var checkedPhotos = new List<CheckedPhoto>();
        if (inputs.Count > Limits.MaxPerPost)
        {
            errors.Add(new FieldInvalid(Field, "Error.Photo.TooMany", Limits.MaxPerPost, inputs.Count));
            return checkedPhotos;
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var photo = await CheckAsync(inputs[i], i + 1, ct);
            if (photo.Succeeded) checkedPhotos.Add(photo.Value);
            else errors.AddRange(photo.Errors);
        }
        return checkedPhotos;
    }

    /// <summary>
    /// Reads one upload within the limits and cleans it and its thumbnail. <paramref name="number"/> (from 1) names the
    /// photo in messages ("the 2nd photo is not an image"). Writes nothing.
    /// </summary>
    public async Task<Result<CheckedPhoto>> CheckAsync(PhotoInput input, int number, CancellationToken ct = default)
    {
        var limits = options.Value;
        var bytes = await ReadAsync(input.Content, input.Length, limits.MaxBytes, ct);
        if (bytes is null) return Result<CheckedPhoto>.Fail(new FieldInvalid(Field, "Error.Photo.TooLarge", number, SizeText(limits.MaxBytes)));
        if (bytes.Length == 0) return Result<CheckedPhoto>.Fail(new FieldInvalid(Field, "Error.Photo.Empty", number));
        var image = ImageSanitizer.Clean(bytes);
        if (!image.Succeeded) return Result<CheckedPhoto>.Fail(new FieldInvalid(Field, image.Errors[0].MessageKey, number));

        CleanImage? thumb = null;
        if (input.Thumbnail is not null)
        {
            var thumbBytes = await ReadAsync(input.Thumbnail, input.ThumbnailLength, limits.MaxThumbnailBytes, ct);
            if (thumbBytes is null)
                return Result<CheckedPhoto>.Fail(new FieldInvalid(Field, "Error.Photo.ThumbnailTooLarge", number, SizeText(limits.MaxThumbnailBytes)));
            if (thumbBytes.Length > 0)
            {
                var cleaned = ImageSanitizer.Clean(thumbBytes);
                if (!cleaned.Succeeded || cleaned.Value.Width > MaxThumbnailSide || cleaned.Value.Height > MaxThumbnailSide
                    || !(await ImageDecoding.DecodeAsync(cleaned.Value, makeThumbnail: false, ct)).Decodes)
                    return Result<CheckedPhoto>.Fail(new FieldInvalid(Field, "Error.Photo.ThumbnailInvalid", number));
                thumb = cleaned.Value;
            }
        }
        // The picture must decode whole; without a thumbnail from the browser the server makes one from that decode.
        var (decodes, made) = await ImageDecoding.DecodeAsync(image.Value, makeThumbnail: thumb is null, ct);
        if (!decodes) return Result<CheckedPhoto>.Fail(new FieldInvalid(Field, ImageSanitizer.Corrupt, number));
        thumb ??= made;
        return new CheckedPhoto(image.Value, thumb, Convert.ToHexStringLower(SHA256.HashData(image.Value.Bytes)));
    }

    /// <summary>Adds a checked photo to the unit of work of its owner; the owner's save writes it, with the owner's audit entry.</summary>
    public Photo Attach(Actor actor, int projectId, PhotoOwnerKind ownerKind, long ownerId, CheckedPhoto photo)
    {
        var entity = new Photo
        {
            ProjectId = projectId,
            OwnerKind = ownerKind,
            OwnerId = ownerId,
            ContentType = photo.Image.ContentType,
            Bytes = photo.Image.Bytes,
            Thumbnail = photo.Thumbnail?.Bytes,
            ThumbnailContentType = photo.Thumbnail?.ContentType,
            Width = photo.Image.Width,
            Height = photo.Image.Height,
            SizeBytes = photo.Image.Bytes.Length,
            Sha256 = photo.Sha256,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(entity);
        return entity;
    }

    /// <summary>What an audit entry records of photos: how many and which (by hash), not the bytes.</summary>
    public static IReadOnlyList<Domain.Audit.FieldChange> AuditChanges(string projectCode, PhotoOwnerKind ownerKind, long ownerId, IReadOnlyList<Photo> photos) =>
        AuditLog.Diff(null, new Dictionary<string, string?>
        {
            ["Project"] = projectCode,
            ["Owner"] = $"{ownerKind}:{ownerId.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            ["Photos"] = string.Join(", ", photos.Select(p => $"{p.Sha256[..12]} {p.Width.ToString(System.Globalization.CultureInfo.InvariantCulture)}×{p.Height.ToString(System.Globalization.CultureInfo.InvariantCulture)}")),
        });

    /// <summary>The photos of some owners, without bytes, oldest first; only those of projects the caller can see.</summary>
    public async Task<ILookup<long, PhotoInfo>> ListAsync(Actor actor, PhotoOwnerKind ownerKind, IReadOnlyCollection<long> ownerIds, CancellationToken ct = default)
    {
        if (ownerIds.Count == 0) return Array.Empty<PhotoInfo>().ToLookup(p => p.OwnerId);
        var visible = projects.Visible(actor).Select(p => p.Id);
        var rows = await db.Photos.AsNoTracking()
            .Where(p => p.OwnerKind == ownerKind && ownerIds.Contains(p.OwnerId) && visible.Contains(p.ProjectId))
            .OrderBy(p => p.Id)
            .Select(p => new PhotoInfo(p.Id, p.OwnerId, p.ContentType, p.Width, p.Height, p.SizeBytes, p.Thumbnail != null, p.Sha256))
            .ToListAsync(ct);
        return rows.ToLookup(p => p.OwnerId);
    }

    /// <summary>The bytes to serve, or null when there is no such photo or its project is outside the caller's subtree.</summary>
    public async Task<(byte[] Bytes, string ContentType, string Sha256)?> ContentAsync(Actor actor, long id, bool thumbnail, CancellationToken ct = default)
    {
        var visible = projects.Visible(actor).Select(p => p.Id);
        var query = db.Photos.AsNoTracking().Where(p => p.Id == id && visible.Contains(p.ProjectId));
        var row = thumbnail
            ? await query.Select(p => new { Bytes = p.Thumbnail ?? p.Bytes, ContentType = p.Thumbnail != null ? p.ThumbnailContentType! : p.ContentType, p.Sha256 }).SingleOrDefaultAsync(ct)
            : await query.Select(p => new { p.Bytes, p.ContentType, p.Sha256 }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Bytes, row.ContentType, row.Sha256);
    }

    /// <summary>A size limit as people read it: "10 MB", "512 KB" (invariant digits, whole units).</summary>
    public static string SizeText(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? (bytes / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) + " KB";

    /// <summary>The whole stream, or null when it is longer than the limit (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadAsync(Stream stream, long? length, long limit, CancellationToken ct)
    {
        if (length > limit) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit) return null;
        }
        return buffer.ToArray();
    }
}
