using GanWorkbench.Losses;

namespace GanWorkbench.Experiments;

/// <summary>Builds a GAN's objective, penalty and weight clipping from an experiment's <c>loss:</c>
/// section, filling what the section leaves open from the loss name's <see cref="LossPreset"/>.</summary>
public static class LossFactory
{
    /// <summary>Fills the spec's null fields (penalty, its weight, clipping) from the loss name, so
    /// config.yaml always shows the values used.</summary>
    public static LossSpec Resolve(LossSpec spec)
    {
        var preset = LossCatalog.Preset(spec.Name);
        var penalty = spec.Penalty ?? preset.Penalty;
        double weight = spec.PenaltyWeight
            ?? (penalty == PenaltyKind.None ? 0 : penalty == preset.Penalty ? preset.PenaltyWeight : LossCatalog.DefaultPenaltyWeight);
        return spec with { Penalty = penalty, PenaltyWeight = weight, Clip = spec.Clip ?? preset.Clip };
    }

    /// <summary>The objective of a (resolved or not) loss spec.</summary>
    public static GanLoss Create(LossSpec spec) => LossCatalog.Preset(spec.Name).Objective switch
    {
        LossObjective.Minimax => new MinimaxLoss(spec.RealTarget),
        LossObjective.NonSaturating => new NonSaturatingLoss(spec.RealTarget),
        LossObjective.Wasserstein => new WassersteinLoss(),
        LossObjective.LeastSquares => new LeastSquaresLoss(spec.FakeTarget, spec.RealTarget, spec.GeneratorTarget),
        LossObjective.Hinge => new HingeLoss(),
        LossObjective.Began => new BeganLoss(spec.BeganGamma, spec.BeganLambdaK),
        var other => throw new ArgumentOutOfRangeException(nameof(spec), other, null),
    };

    /// <summary>The penalty of a loss spec, or null for none.</summary>
    public static DiscriminatorPenalty? CreatePenalty(LossSpec spec)
    {
        var resolved = Resolve(spec);
        return LossCatalog.Penalty(resolved.Penalty ?? PenaltyKind.None, resolved.PenaltyWeight ?? LossCatalog.DefaultPenaltyWeight);
    }

    /// <summary>The weight clipping of a loss spec, or null for none.</summary>
    public static WeightClipping? CreateClipping(LossSpec spec) =>
        Resolve(spec).Clip is double c && c > 0 ? new WeightClipping(c) : null;
}
