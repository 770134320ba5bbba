namespace GanWorkbench.Training;

/// <summary>
/// Averages of one logging window, as plain numbers, by name in the order they were first logged.
/// GAN runs log <c>d_loss</c> (with <c>d_loss_real</c>, <c>d_loss_fake</c> and <c>penalty</c> when
/// there is one), <c>g_loss</c>, and <c>d_real</c>/<c>d_fake</c> = D(x) and D(G(z)) in the loss's own
/// units (<see cref="Losses.GanLoss.Output"/>); model families add their own (BEGAN <c>k</c> and
/// <c>convergence</c>, InfoGAN <c>mutual_info</c>, …). VAE runs log <c>loss</c>, <c>reconstruction</c>, <c>kl</c>.
/// </summary>
/// <param name="Step">The step the window ends at.</param>
/// <param name="Values">Window averages by name.</param>
/// <param name="ImagesPerSecond">Training throughput over the window (samples seen by either player).</param>
/// <param name="Seconds">Training time in the window.</param>
/// <param name="FirstNonFinite">For each watched loss that went NaN/±∞ in the window, the first step it did.</param>
public sealed record StepMetrics(long Step, IReadOnlyDictionary<string, double> Values, double ImagesPerSecond, double Seconds,
    IReadOnlyDictionary<string, long> FirstNonFinite)
{
    /// <summary>A GAN window from its six standard numbers (d_loss with its real and fake parts,
    /// g_loss, D(x), D(G(z))) — for notebooks and tests that build histories by hand.</summary>
    public StepMetrics(long step, double dLoss, double dLossReal, double dLossFake, double gLoss, double dReal, double dFake,
        double imagesPerSecond, double seconds)
        : this(step, new Dictionary<string, double>
        {
            ["d_loss"] = dLoss, ["d_loss_real"] = dLossReal, ["d_loss_fake"] = dLossFake,
            ["g_loss"] = gLoss, ["d_real"] = dReal, ["d_fake"] = dFake,
        }, imagesPerSecond, seconds, new Dictionary<string, long>())
    {
    }

    /// <summary>A value by name, NaN when not logged.</summary>
    public double Get(string name) => Values.TryGetValue(name, out var v) ? v : double.NaN;
    /// <summary>Discriminator loss (including any penalty).</summary>
    public double DLoss => Get("d_loss");
    /// <summary>Its part on real samples.</summary>
    public double DLossReal => Get("d_loss_real");
    /// <summary>Its part on generated samples.</summary>
    public double DLossFake => Get("d_loss_fake");
    /// <summary>Generator loss.</summary>
    public double GLoss => Get("g_loss");
    /// <summary>D(x), see <see cref="Losses.GanLoss.Output"/>.</summary>
    public double DReal => Get("d_real");
    /// <summary>D(G(z)).</summary>
    public double DFake => Get("d_fake");

    /// <summary>The first watched loss that went non-finite and its step, or null.</summary>
    public (string Name, long Step)? Divergence =>
        FirstNonFinite.Count == 0 ? null : FirstNonFinite.OrderBy(kv => kv.Value).Select(kv => (kv.Key, kv.Value)).First();
}

/// <summary>One evaluation's results: the step and the metric values by name.</summary>
public sealed record EvaluationResult(long Step, IReadOnlyDictionary<string, double> Values);
