using GanWorkbench.Experiments;

namespace GanWorkbench.Losses;

/// <summary>What a loss name in experiments.yaml stands for: an objective, and the penalty and
/// weight clipping that come with it unless the experiment says otherwise.</summary>
/// <param name="Objective">The <see cref="GanLoss"/> (mm, ns, wgan, lsgan, hinge, began).</param>
/// <param name="Penalty">none, gp, dragan, r1, r2.</param>
/// <param name="PenaltyWeight">λ or γ of that penalty (0 with none).</param>
/// <param name="Clip">Weight clipping limit c (0 = none).</param>
/// <param name="Paper">Where it comes from.</param>
public sealed record LossPreset(string Objective, string Penalty, double PenaltyWeight, double Clip, string Paper);

/// <summary>Builds GAN losses, penalties and constraints by name (the <c>loss:</c> of experiments.yaml).</summary>
public static class LossZoo
{
    /// <summary>The default weight of a penalty given without one (λ = 10 in WGAN-GP and DRAGAN; γ = 10 is
    /// Mescheder et al.'s most used R1 weight).</summary>
    public const double DefaultPenaltyWeight = 10;

    static readonly Dictionary<string, LossPreset> Presets = new()
    {
        ["mm"] = new("mm", "none", 0, 0, "Goodfellow et al. 2014, Eq. 1 (minimax, saturating G loss)"),
        ["ns"] = new("ns", "none", 0, 0, "Goodfellow et al. 2014, §3 (non-saturating G loss)"),
        ["wgan"] = new("wgan", "none", 0, 0.01, "Arjovsky et al. 2017 (weight clipping c = 0.01)"),
        ["wgan-gp"] = new("wgan", "gp", 10, 0, "Gulrajani et al. 2017 (gradient penalty λ = 10)"),
        ["dragan"] = new("ns", "dragan", 10, 0, "Kodali et al. 2017 (penalty around the data, λ = 10)"),
        ["lsgan"] = new("lsgan", "none", 0, 0, "Mao et al. 2017, Eq. 2"),
        ["hinge"] = new("hinge", "none", 0, 0, "Lim & Ye 2017; Miyato et al. 2018"),
        ["began"] = new("began", "none", 0, 0, "Berthelot et al. 2017 (needs model: began)"),
        ["r1"] = new("ns", "r1", 10, 0, "Mescheder et al. 2018, Eq. 9 (R1 on real data, γ = 10)"),
        ["r2"] = new("ns", "r2", 10, 0, "Mescheder et al. 2018, Eq. 10 (R2 on generated data, γ = 10)"),
    };

    /// <summary>Known loss names.</summary>
    public static IReadOnlyCollection<string> Names => Presets.Keys;

    /// <summary>Known penalty names (<c>loss.penalty</c>).</summary>
    public static IReadOnlyCollection<string> PenaltyNames { get; } = ["none", "gp", "dragan", "r1", "r2"];

    /// <summary>The preset behind a loss name.</summary>
    public static LossPreset Preset(string name) =>
        Presets.TryGetValue(name, out var p) ? p
        : throw new InputException($"unknown loss '{name}'{YamlTree.DidYouMean(name, Names)}; known: {string.Join(", ", Names)}.");

    /// <summary>Fills the spec's null fields (penalty, its weight, clipping) from the loss name. An
    /// unknown name is left alone for the validator to report.</summary>
    public static LossSpec Resolve(LossSpec spec)
    {
        if (!Presets.TryGetValue(spec.Name, out var preset)) return spec;
        string penalty = spec.Penalty ?? preset.Penalty;
        double weight = spec.PenaltyWeight
            ?? (penalty == "none" ? 0 : penalty == preset.Penalty ? preset.PenaltyWeight : DefaultPenaltyWeight);
        return spec with { Penalty = penalty, PenaltyWeight = weight, Clip = spec.Clip ?? preset.Clip };
    }

    /// <summary>The objective of a (resolved or not) loss spec.</summary>
    public static GanLoss Create(LossSpec spec) => Preset(spec.Name).Objective switch
    {
        "mm" => new MinimaxLoss(spec.RealTarget),
        "ns" => new NonSaturatingLoss(spec.RealTarget),
        "wgan" => new WassersteinLoss(),
        "lsgan" => new LeastSquaresLoss(spec.FakeTarget, spec.RealTarget, spec.GeneratorTarget),
        "hinge" => new HingeLoss(),
        "began" => new BeganLoss(spec.BeganGamma, spec.BeganLambdaK),
        var other => throw new InvalidOperationException($"no objective '{other}'"),
    };

    /// <summary>The penalty of a loss spec, or null for none.</summary>
    public static DiscriminatorPenalty? CreatePenalty(LossSpec spec)
    {
        var resolved = Resolve(spec);
        double w = resolved.PenaltyWeight ?? DefaultPenaltyWeight;
        return resolved.Penalty switch
        {
            null or "none" => null,
            "gp" => new GradientPenalty(w),
            "dragan" => new DraganPenalty(w),
            "r1" => new R1Penalty(w),
            "r2" => new R2Penalty(w),
            var other => throw new InputException($"unknown penalty '{other}'; known: {string.Join(", ", PenaltyNames)}."),
        };
    }

    /// <summary>The weight clipping of a loss spec, or null for none.</summary>
    public static WeightClipping? CreateClipping(LossSpec spec) =>
        Resolve(spec).Clip is double c && c > 0 ? new WeightClipping(c) : null;
}
