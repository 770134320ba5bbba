using GanWorkbench.Theory;

namespace GanWorkbench.Experiments;

/// <summary>
/// Mescheder et al. 2018, §2–4 (exact, nothing trained): the Jacobian of the Dirac-GAN's gradient field
/// at the equilibrium. Unregularised its eigenvalues are ±f′(0)·i = ±0.5i — purely imaginary, so
/// simultaneous gradient descent does not converge; with the R1 penalty of weight γ they are
/// −γ/2 ± √(γ²/4 − f′(0)²). The value is |Im λ| of the unregularised game; the real parts with R1
/// (γ = 0.3 and 1), the spectral radius of a simultaneous step of size <c>step_size</c> and the distance
/// from the equilibrium after the paper's figure's 500 steps from (1, 1) — simultaneous and alternating
/// GAN, simultaneous R1 γ = 0.3 — are extras.
/// </summary>
public sealed record DiracEigenvaluesProtocol : ProtocolSpec
{
    /// <inheritdoc/>
    public override string Kind => "dirac_eigenvalues";
    /// <summary>Step size of the simultaneous update whose spectral radius is recorded (the paper's figures: 0.2).</summary>
    public double StepSize { get; init; } = 0.2;

    /// <inheritdoc/>
    public override bool TrainsRuns => false;

    /// <inheritdoc/>
    public override string Describe() =>
        $"eigenvalues of the Dirac-GAN's Jacobian at (θ, ψ) = (0, 0), exact (MathNet); spectral radius of simultaneous steps of size {StepSize}.";

    /// <inheritdoc/>
    public override void Validate(ReproductionSpec reproduction, FieldCheck check)
    {
        if (reproduction.Experiments.Count != 0) check.Fail("experiments", $"protocol '{Kind}' is exact and trains nothing; leave experiments empty.");
        check.Positive("protocol.step_size", StepSize);
    }

    static double Radius(IReadOnlyList<DiracStep> path) => Math.Sqrt(path[^1].Theta * path[^1].Theta + path[^1].Psi * path[^1].Psi);

    /// <inheritdoc/>
    public override ProtocolResult Evaluate(ReproductionContext context)
    {
        var gan = DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.Gan());
        var extras = new Dictionary<string, double>
        {
            ["gan_real_part"] = gan.Max(l => l.Real),
            ["r1_0.3_real_part"] = DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.R1(0.3)).Max(l => l.Real),
            ["r1_1.0_real_part"] = DiracGanDynamics.EquilibriumEigenvalues(DiracGanObjective.R1(1.0)).Max(l => l.Real),
            ["simultaneous_spectral_radius"] = DiracGanDynamics.SimultaneousUpdateEigenvalues(DiracGanObjective.Gan(), StepSize).Max(l => l.Magnitude),
            ["simultaneous_gan_radius_after_500"] = Radius(DiracGanDynamics.Simultaneous(DiracGanObjective.Gan(), StepSize, 500)),
            ["alternating_gan_radius_after_500"] = Radius(DiracGanDynamics.Alternating(DiracGanObjective.Gan(), StepSize, 500)),
            ["simultaneous_r1_0.3_radius_after_500"] = Radius(DiracGanDynamics.Simultaneous(DiracGanObjective.R1(0.3), StepSize, 500)),
        };
        context.Log($"Dirac-GAN eigenvalues: {string.Join(", ", gan.Select(l => $"{l.Real:G3}{l.Imaginary:+0.###;-0.###}i"))}");
        return new ProtocolResult([new SeedValue(0, gan.Max(l => Math.Abs(l.Imaginary)), "")], extras);
    }
}
