using System.Runtime.Serialization;

namespace GanWorkbench.Losses;

/// <summary>The losses of the zoo by the name experiments give them (<c>loss.name</c>).</summary>
public enum LossName
{
    /// <summary>Minimax (saturating) GAN loss.</summary>
    Mm,
    /// <summary>Non-saturating GAN loss.</summary>
    Ns,
    /// <summary>Wasserstein loss with weight clipping.</summary>
    Wgan,
    /// <summary>Wasserstein loss with the gradient penalty.</summary>
    [EnumMember(Value = "wgan-gp")] WganGp,
    /// <summary>Non-saturating loss with DRAGAN's penalty around the data.</summary>
    Dragan,
    /// <summary>Least-squares loss.</summary>
    Lsgan,
    /// <summary>Hinge loss.</summary>
    Hinge,
    /// <summary>BEGAN's reconstruction-error loss (needs the BEGAN family).</summary>
    Began,
    /// <summary>Non-saturating loss with the R1 penalty.</summary>
    R1,
    /// <summary>Non-saturating loss with the R2 penalty.</summary>
    R2,
}

/// <summary>A penalty on the discriminator's input gradients (<c>loss.penalty</c>).</summary>
public enum PenaltyKind
{
    /// <summary>No penalty.</summary>
    None,
    /// <summary>WGAN-GP's two-sided penalty on interpolates.</summary>
    Gp,
    /// <summary>DRAGAN's penalty on perturbed data.</summary>
    Dragan,
    /// <summary>R1: gradient norm on real data.</summary>
    R1,
    /// <summary>R2: gradient norm on generated data.</summary>
    R2,
}

/// <summary>The objective (a <see cref="GanLoss"/> type) behind a loss name.</summary>
public enum LossObjective
{
    /// <summary><see cref="MinimaxLoss"/>.</summary>
    Minimax,
    /// <summary><see cref="NonSaturatingLoss"/>.</summary>
    NonSaturating,
    /// <summary><see cref="WassersteinLoss"/>.</summary>
    Wasserstein,
    /// <summary><see cref="LeastSquaresLoss"/>.</summary>
    LeastSquares,
    /// <summary><see cref="HingeLoss"/>.</summary>
    Hinge,
    /// <summary><see cref="BeganLoss"/>.</summary>
    Began,
}

/// <summary>What a loss name stands for: an objective, and the penalty and weight clipping that come
/// with it unless the experiment says otherwise.</summary>
/// <param name="Objective">The <see cref="GanLoss"/> it trains with.</param>
/// <param name="Penalty">The penalty it implies.</param>
/// <param name="PenaltyWeight">λ or γ of that penalty (0 with none).</param>
/// <param name="Clip">Weight clipping limit c (0 = none).</param>
/// <param name="Paper">Where it comes from.</param>
public sealed record LossPreset(LossObjective Objective, PenaltyKind Penalty, double PenaltyWeight, double Clip, string Paper);

/// <summary>The presets of every <see cref="LossName"/>.</summary>
public static class LossCatalog
{
    /// <summary>The weight of a penalty given without one (λ = 10 in WGAN-GP and DRAGAN; γ = 10 is
    /// Mescheder et al.'s most used R1 weight).</summary>
    public const double DefaultPenaltyWeight = 10;

    static readonly Dictionary<LossName, LossPreset> Presets = new()
    {
        [LossName.Mm] = new(LossObjective.Minimax, PenaltyKind.None, 0, 0, "Goodfellow et al. 2014, Eq. 1 (minimax, saturating G loss)"),
        [LossName.Ns] = new(LossObjective.NonSaturating, PenaltyKind.None, 0, 0, "Goodfellow et al. 2014, §3 (non-saturating G loss)"),
        [LossName.Wgan] = new(LossObjective.Wasserstein, PenaltyKind.None, 0, 0.01, "Arjovsky et al. 2017 (weight clipping c = 0.01)"),
        [LossName.WganGp] = new(LossObjective.Wasserstein, PenaltyKind.Gp, 10, 0, "Gulrajani et al. 2017 (gradient penalty λ = 10)"),
        [LossName.Dragan] = new(LossObjective.NonSaturating, PenaltyKind.Dragan, 10, 0, "Kodali et al. 2017 (penalty around the data, λ = 10)"),
        [LossName.Lsgan] = new(LossObjective.LeastSquares, PenaltyKind.None, 0, 0, "Mao et al. 2017, Eq. 2"),
        [LossName.Hinge] = new(LossObjective.Hinge, PenaltyKind.None, 0, 0, "Lim & Ye 2017; Miyato et al. 2018"),
        [LossName.Began] = new(LossObjective.Began, PenaltyKind.None, 0, 0, "Berthelot et al. 2017 (needs model: began)"),
        [LossName.R1] = new(LossObjective.NonSaturating, PenaltyKind.R1, 10, 0, "Mescheder et al. 2018, Eq. 9 (R1 on real data, γ = 10)"),
        [LossName.R2] = new(LossObjective.NonSaturating, PenaltyKind.R2, 10, 0, "Mescheder et al. 2018, Eq. 10 (R2 on generated data, γ = 10)"),
    };

    /// <summary>The preset behind a loss name.</summary>
    public static LossPreset Preset(LossName name) => Presets[name];

    /// <summary>The penalty of <paramref name="kind"/> with weight <paramref name="weight"/>, or null for none.</summary>
    public static DiscriminatorPenalty? Penalty(PenaltyKind kind, double weight) => kind switch
    {
        PenaltyKind.None => null,
        PenaltyKind.Gp => new GradientPenalty(weight),
        PenaltyKind.Dragan => new DraganPenalty(weight),
        PenaltyKind.R1 => new R1Penalty(weight),
        PenaltyKind.R2 => new R2Penalty(weight),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
