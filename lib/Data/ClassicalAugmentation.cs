using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanWorkbench.Data;

/// <summary>How strongly <see cref="ClassicalAugmentation"/> perturbs an image; each perturbation is drawn
/// independently per image. The defaults are small enough that a digit stays the same digit.</summary>
/// <param name="MaxShift">Translation by a whole number of pixels, uniform in [−MaxShift, MaxShift] on each axis.</param>
/// <param name="MaxRotationDegrees">Rotation about the image centre, uniform in ±this many degrees.</param>
/// <param name="ElasticAlpha">Elastic distortion strength α in pixels (0: none).</param>
/// <param name="ElasticSigma">Width σ in pixels of the Gaussian that smooths the random displacement field.</param>
public sealed record AugmentationSettings(int MaxShift = 2, double MaxRotationDegrees = 12, double ElasticAlpha = 8, double ElasticSigma = 3);

/// <summary>
/// Label-preserving image perturbations, the classical alternative to generated training data: small
/// translations and rotations (LeCun et al. 1998, §IV.C, "distortions") and elastic distortions (Simard,
/// Steinkraus &amp; Platt 2003, §2: a displacement field of uniform noise in [−1, 1] per pixel and axis, smoothed by
/// a Gaussian of width σ and scaled by α, applied with bilinear interpolation). All three act in one
/// <c>grid_sample</c> per batch; pixels that come from outside the frame take the background value (the smallest
/// value of the pixel scale: 0 in [0, 1], −1 in [−1, 1]). Random numbers come from the caller's generator, so an
/// augmented set is a function of its seed. Notebook: 07-conditional-and-augmentation.
/// </summary>
public static class ClassicalAugmentation
{
    /// <summary>The value of an empty pixel in <paramref name="scale"/>.</summary>
    public static double Background(PixelScale scale) => scale == PixelScale.Tanh ? -1 : 0;

    /// <summary>Translates every image of (N, C, H, W) by <paramref name="dx"/> pixels to the right and
    /// <paramref name="dy"/> pixels down, exactly (no interpolation).</summary>
    public static Tensor Shift(Tensor images, int dx, int dy, double background)
    {
        using var scope = NewDisposeScope();
        long h = images.shape[2], w = images.shape[3];
        var padded = pad(images - background, [Math.Abs(dx), Math.Abs(dx), Math.Abs(dy), Math.Abs(dy)]);  // (N, C, H + 2|dy|, W + 2|dx|)
        var moved = padded.narrow(2, Math.Abs(dy) - dy, h).narrow(3, Math.Abs(dx) - dx, w);
        return (moved + background).MoveToOuterDisposeScope();
    }

    /// <summary>Rotates every image of (N, C, H, W) by <paramref name="degrees"/> (counter-clockwise on screen)
    /// about its centre, bilinear.</summary>
    public static Tensor Rotate(Tensor images, double degrees, double background)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        var angles = full(n, degrees * Math.PI / 180, dtype: ScalarType.Float32, device: images.device);
        var shifts = zeros(n, 2, dtype: ScalarType.Float32, device: images.device);
        return Warp(images, angles, shifts, null, background).MoveToOuterDisposeScope();
    }

    /// <summary>Elastic distortion (Simard et al. 2003) of every image of (N, C, H, W), one random field per image.</summary>
    public static Tensor Elastic(Tensor images, double alpha, double sigma, Generator generator, double background)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        var field = DisplacementField(n, images.shape[2], images.shape[3], alpha, sigma, generator, images.device);
        return Warp(images, zeros(n, device: images.device), zeros(n, 2, device: images.device), field, background).MoveToOuterDisposeScope();
    }

    /// <summary>One random shift, rotation and elastic distortion per image of (N, C, H, W), drawn from <paramref name="generator"/>.</summary>
    public static Tensor Perturb(Tensor images, AugmentationSettings settings, Generator generator, double background)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0];
        var angles = (rand(n, generator: generator) * 2 - 1) * (settings.MaxRotationDegrees * Math.PI / 180);            // (N) radians
        var shifts = randint(-settings.MaxShift, settings.MaxShift + 1, [n, 2], generator: generator).to_type(ScalarType.Float32); // (N, 2) pixels (x, y)
        var field = settings.ElasticAlpha > 0
            ? DisplacementField(n, images.shape[2], images.shape[3], settings.ElasticAlpha, settings.ElasticSigma, generator, CPU) : null;
        return Warp(images, angles.to(images.device), shifts.to(images.device), field?.to(images.device), background).MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="copies"/> perturbed versions of every image of <paramref name="subset"/>, with its labels
    /// (on the subset's device, in its pixel scale): the extra training data of a classical augmentation baseline.</summary>
    public static LabelledSamples Expand(ImageDataset subset, int copies, long seed, AugmentationSettings? settings = null)
    {
        if (copies < 1) throw new InputException($"copies per image must be positive, got {copies}.");
        using var generator = new Generator(unchecked((ulong)(seed * 7_919 + 31)));
        var s = settings ?? new AugmentationSettings();
        using var scope = NewDisposeScope();
        var images = cat(Enumerable.Range(0, copies).Select(_ => Perturb(subset.Images, s, generator, Background(subset.Scale))).ToList(), 0); // (copies·N, 1, H, W)
        var labels = subset.Labels.repeat(copies);                                                                                 // (copies·N)
        return new LabelledSamples(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    // A smoothed uniform displacement field (N, H, W, 2) in pixels (x, y): Simard et al.'s α·(G_σ * U[−1, 1]).
    static Tensor DisplacementField(long n, long h, long w, double alpha, double sigma, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var t = arange(-radius, radius + 1, dtype: ScalarType.Float32);
        var g1 = exp(-(t * t) / (2 * sigma * sigma));
        g1 = g1 / g1.sum();                                                                                   // (K)
        var kernel = outer(g1, g1).view(1, 1, 2 * radius + 1, 2 * radius + 1);                                // (1, 1, K, K)
        var noise = (rand([n * 2, 1, h, w], generator: generator) * 2 - 1);                                   // (2N, 1, H, W)
        var smooth = conv2d(pad(noise, [radius, radius, radius, radius], PaddingModes.Reflect), kernel);      // (2N, 1, H, W)
        return (smooth.view(n, 2, h, w).permute(0, 2, 3, 1) * alpha).to(device).MoveToOuterDisposeScope();    // (N, H, W, 2)
    }

    // Rotation by angles (N) and shift (N, 2) in pixels, plus an optional displacement field (N, H, W, 2) in pixels,
    // in one bilinear grid_sample; the background enters from outside the frame.
    static Tensor Warp(Tensor images, Tensor angles, Tensor shifts, Tensor? field, double background)
    {
        using var scope = NewDisposeScope();
        long n = images.shape[0], h = images.shape[2], w = images.shape[3];
        var cos = angles.cos(); var sin = angles.sin();
        // Output pixel p samples the input at A·(p − shift), A the rotation by the angle (counter-clockwise on screen,
        // y pointing down), in normalised coordinates (a pixel is 2/size).
        var sx = shifts[.., 0] * (2.0 / w); var sy = shifts[.., 1] * (2.0 / h);
        var tx = -(cos * sx - sin * sy);
        var ty = -(sin * sx + cos * sy);
        var theta = stack([stack([cos, -sin, tx], 1), stack([sin, cos, ty], 1)], 1);                          // (N, 2, 3)
        var grid = affine_grid(theta, [n, images.shape[1], h, w], align_corners: false);                     // (N, H, W, 2)
        if (field is not null)
            grid = grid - field * tensor(new float[] { 2f / w, 2f / h }, device: images.device);                // pixels → normalised
        var sampled = grid_sample(images - background, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        return (sampled + background).MoveToOuterDisposeScope();
    }
}
