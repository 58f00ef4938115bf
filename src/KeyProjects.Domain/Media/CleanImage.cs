namespace KeyProjects.Domain.Media;

/// <summary>An image that passed the checks, with its metadata (location, camera, time, comments) taken out.</summary>
public sealed record CleanImage(ImageFormat Format, int Width, int Height, byte[] Bytes)
{
    public string ContentType => Format.ContentType();
}
