using System.Buffers.Binary;
using KeyProjects.Domain.Media;
using SkiaSharp;

namespace KeyProjects.Web.Tests.Infrastructure;

/// <summary>Pictures that decode (the synthetic ones in TestImages have the right structure but no real picture data).</summary>
public static class RealImages
{
    /// <summary>A gradient of the given size, encoded by SkiaSharp.</summary>
    public static byte[] Of(SKEncodedImageFormat format, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SteelBlue, SKColors.Orange], SKShaderTileMode.Clamp) };
        surface.Canvas.DrawRect(0, 0, width, height, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 85);
        return data.ToArray();
    }

    /// <summary>The PNG with another size written into its header, checksum corrected: a file in order whose data no longer fits it.</summary>
    public static byte[] PngDeclaring(byte[] png, int width, int height)
    {
        var copy = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(16), width); // signature 8, length 4, "IHDR" 4, then width and height
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(8 + 8 + 13), Crc32.Compute(copy.AsSpan(12, 4 + 13)));
        return copy;
    }
}
