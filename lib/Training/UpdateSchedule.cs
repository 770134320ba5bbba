namespace GanWorkbench.Training;

/// <summary>How the two players' parameters are updated in one training step.</summary>
public enum UpdateKind
{
    /// <summary>Block-coordinate descent: k discriminator steps, then one generator step that sees
    /// the updated discriminator (Goodfellow et al. 2014, Algorithm 1).</summary>
    Alternating,
    /// <summary>Both gradients are computed at the same parameters, then both players step
    /// (simultaneous gradient descent, Mescheder et al. 2017/2018).</summary>
    Simultaneous,
}

/// <summary>
/// The update schedule: alternating with <see cref="DiscriminatorSteps"/> D steps per G step, or
/// simultaneous. Two-time-scale learning rates (Heusel et al. 2017) are the optimisers' business:
/// give D and G different learning rates.
/// </summary>
public sealed record UpdateSchedule(UpdateKind Kind = UpdateKind.Alternating, int DiscriminatorSteps = 1)
{
    /// <summary>One D step per G step, alternating (the DCGAN default).</summary>
    public static UpdateSchedule Alternating(int discriminatorSteps = 1) => new(UpdateKind.Alternating, discriminatorSteps);
    /// <summary>Simultaneous gradient steps.</summary>
    public static UpdateSchedule Simultaneous() => new(UpdateKind.Simultaneous, 1);
}
