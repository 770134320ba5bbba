namespace GanWorkbench.Data;

/// <summary>Where a generator's samples live: images in one of the two <see cref="PixelScale"/>s, or 2-D points (the toys).</summary>
public enum SampleSpace
{
    /// <summary>Images with pixels in [−1, 1].</summary>
    Tanh,
    /// <summary>Images with pixels in [0, 1].</summary>
    ZeroOne,
    /// <summary>2-D points of a toy distribution.</summary>
    Points,
}

/// <summary>Conversions between <see cref="SampleSpace"/> and <see cref="PixelScale"/>.</summary>
public static class SampleSpaces
{
    /// <summary>The sample space of images in <paramref name="scale"/>.</summary>
    public static SampleSpace Of(PixelScale scale) => scale == PixelScale.Tanh ? SampleSpace.Tanh : SampleSpace.ZeroOne;

    /// <summary>The pixel scale of an image sample space (throws for points).</summary>
    public static PixelScale Pixels(SampleSpace space) => space switch
    {
        SampleSpace.Tanh => PixelScale.Tanh,
        SampleSpace.ZeroOne => PixelScale.ZeroOne,
        _ => throw new ArgumentException("2-D points have no pixel scale", nameof(space)),
    };
}
