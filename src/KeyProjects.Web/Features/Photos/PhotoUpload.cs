using KeyProjects.Domain.Media;

namespace KeyProjects.Web.Features.Photos;

/// <summary>A photo as it arrives: its bytes, and the browser's thumbnail if any. Lengths, when known, let a too-large file be refused unread.</summary>
public sealed record PhotoInput(Stream Content, long? Length = null, Stream? Thumbnail = null, long? ThumbnailLength = null);

/// <summary>A photo that passed every check, cleaned, not yet saved.</summary>
public sealed record CheckedPhoto(CleanImage Image, CleanImage? Thumbnail, string Sha256);
