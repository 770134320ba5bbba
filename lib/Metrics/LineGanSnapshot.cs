using GanWorkbench.Models;
using GanWorkbench.Theory;
using static TorchSharp.torch;

namespace GanWorkbench.Metrics;

/// <summary>
/// A GAN on the real line at one moment of training, measured against the exact theory: the data
/// density, the generator's density p_g (pushed forward exactly from its uniform latent), the
/// trained discriminator D(x), the optimal D*(x) = p_data / (p_data + p_g) for this generator, the
/// map z ↦ x at a few z, and three exact numbers (Goodfellow et al. 2014, §4):
/// JSD(p_data ‖ p_g), the virtual training criterion C(G) = max_D V(G, D) = −log 4 + 2·JSD, and the
/// value V(G, D) that the trained D actually reaches (≤ C(G); equal only when D = D*).
/// The panels of Fig. 1 of that paper are charts of these (<see cref="Plotting.TheoryCharts.MinimaxPanels"/>).
/// Notebook: 02-minimax-game.
/// </summary>
/// <param name="Step">Generator updates done when captured.</param>
/// <param name="Data">p_data(x) on the chart's grid.</param>
/// <param name="Generator">p_g(x) on the same grid.</param>
/// <param name="Discriminator">D(x) = σ(logit) of the trained discriminator.</param>
/// <param name="OptimalDiscriminator">D*(x) for the current generator.</param>
/// <param name="Mapping">(z, G(z)) at evenly spaced z in [0, 1].</param>
/// <param name="GeneratorDensity">p_g as a density (for further exact computations).</param>
/// <param name="Jsd">JSD(p_data ‖ p_g), nats.</param>
/// <param name="VirtualCriterion">C(G) = V(G, D*), integrated directly.</param>
/// <param name="Value">V(G, D) with the trained D.</param>
public sealed record LineGanSnapshot(long Step, IReadOnlyList<CurvePoint> Data, IReadOnlyList<CurvePoint> Generator,
    IReadOnlyList<CurvePoint> Discriminator, IReadOnlyList<CurvePoint> OptimalDiscriminator, IReadOnlyList<CurvePoint> Mapping,
    Density1D GeneratorDensity, double Jsd, double VirtualCriterion, double Value)
{
    /// <summary>−log 4 + 2·JSD: Theorem 1's form of C(G), to set beside <see cref="VirtualCriterion"/>.</summary>
    public double CriterionFromJsd => -Math.Log(4) + 2 * Jsd;

    /// <summary>Measures a 1-D generator (latent z ~ U(0, 1), like <see cref="LineGenerator"/>) and
    /// discriminator against the data density <paramref name="data"/>; the chart grid has
    /// <paramref name="points"/> points on [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="step">The training step, for labels.</param>
    /// <param name="generator">G: (B, 1) uniform z → (B, 1) x.</param>
    /// <param name="discriminator">D: (B, 1) x → (B) logits.</param>
    /// <param name="data">The data density.</param>
    /// <param name="from">Left end of the chart.</param>
    /// <param name="to">Right end of the chart.</param>
    /// <param name="points">Grid points of the curves.</param>
    /// <param name="latentGrid">z grid points for the pushforward density.</param>
    /// <param name="bins">Bins of the piecewise-constant p_g.</param>
    /// <param name="arrows">Number of (z, G(z)) pairs in <see cref="Mapping"/>.</param>
    public static LineGanSnapshot Capture(long step, GeneratorModule generator, DiscriminatorModule discriminator, Density1D data,
        double from, double to, int points = 241, int latentGrid = 4001, int bins = 160, int arrows = 21)
    {
        if (generator.LatentDim != 1 || generator.SampleShape is not [1])
            throw new ArgumentException($"a 1-D generator is needed (latent 1, samples of shape [1]); got latent {generator.LatentDim}, shape [{string.Join(", ", generator.SampleShape)}]", nameof(generator));
        if (!(to > from)) throw new ArgumentOutOfRangeException(nameof(to), to, "the chart range must have to > from");
        var zs = Linspace(0, 1, latentGrid);
        var mapped = Evaluate(generator.forward, zs, generator);
        var pG = PushforwardDensity.OfUniform(mapped, bins);

        // D's logit on a grid that covers the chart and p_g's support, for the exact value V(G, D).
        double lo = Math.Min(from, pG.Lower), hi = Math.Max(to, pG.Upper);
        var logitGrid = Linspace(lo, hi, 2001);
        var logits = Evaluate(discriminator.forward, logitGrid, discriminator);
        var logit = PushforwardDensity.Interpolate(logitGrid.Zip(logits, (x, a) => new CurvePoint(x, a)).ToList());

        var xs = Linspace(from, to, points);
        var chartLogits = Evaluate(discriminator.forward, xs, discriminator);
        var dStar = MinimaxTheory.OptimalDiscriminator(data, pG);
        var mapping = Enumerable.Range(0, arrows).Select(i => (double)i / (arrows - 1))
            .Select(z => new CurvePoint(z, mapped[(int)Math.Round(z * (latentGrid - 1))])).ToList();
        return new LineGanSnapshot(step,
            xs.Select(x => new CurvePoint(x, data.At(x))).ToList(),
            xs.Select(x => new CurvePoint(x, pG.At(x))).ToList(),
            xs.Zip(chartLogits, (x, a) => new CurvePoint(x, 1 / (1 + Math.Exp(-a)))).ToList(),
            xs.Select(x => new CurvePoint(x, dStar(x))).ToList(),
            mapping, pG,
            MinimaxTheory.Jsd(data, pG), MinimaxTheory.VirtualTrainingCriterion(data, pG), MinimaxTheory.ValueOfLogit(data, pG, logit));
    }

    static double[] Linspace(double a, double b, int n) => Enumerable.Range(0, n).Select(i => a + (b - a) * i / (n - 1)).ToArray();

    // A module on a column of numbers (n, 1) in eval mode without gradients; its output flattened to doubles.
    static double[] Evaluate(Func<Tensor, Tensor> forward, double[] inputs, nn.Module module)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        bool training = module.training;
        module.eval();
        try
        {
            var device = module.parameters().First().device;
            var x = tensor(inputs.Select(v => (float)v).ToArray(), [inputs.Length, 1]).to(device);   // (n, 1)
            return forward(x).to(ScalarType.Float64).cpu().flatten().data<double>().ToArray();
        }
        finally
        {
            if (training) module.train();
        }
    }
}
