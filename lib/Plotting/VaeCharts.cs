using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Plotting;

/// <summary>
/// Series for the VAE pictures of Kingma &amp; Welling 2013, built from what a VAE run records, for
/// <see cref="Charts.Lines"/> and <see cref="Charts.Scatter"/>:
/// <list type="bullet">
/// <item><see cref="BoundSeries"/> — Fig. 2: the variational lower bound (the ELBO, in nats per example;
/// higher is better) against the number of training examples seen, on the training minibatches (each
/// logging window's mean of −loss, which is the ELBO when β = 1) and on the test set (each evaluation's
/// −<c>test_neg_elbo</c>);</item>
/// <item><see cref="CodesByClass"/> — the encoder means of a 2-D latent space, one point set per class
/// (the picture next to Fig. 4's decoded manifold).</item>
/// </list>
/// Notebook: 09-vae-elbo.
/// </summary>
public static class VaeCharts
{
    /// <summary>
    /// The training and the test lower bound of one run against examples seen (step × batch size):
    /// "<paramref name="label"/> train" from the logging windows (−<c>loss</c>) and "<paramref name="label"/> test"
    /// from the evaluations (−<c>test_neg_elbo</c>); the test series is left out when the run made no
    /// evaluation, and step 0 is dropped (it has no place on a log axis).
    /// </summary>
    public static IReadOnlyList<XYSeries> BoundSeries(string label, IReadOnlyList<StepMetrics> history,
        IReadOnlyList<EvaluationResult> evaluations, int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        var train = history.Where(m => m.Step > 0 && m.Values.ContainsKey("loss")).ToList();
        if (train.Count == 0) throw new ArgumentException($"{label}: the history has no 'loss' column; is it a VAE run?", nameof(history));
        var series = new List<XYSeries>
        {
            new($"{label} train", train.Select(m => (double)m.Step * batchSize).ToList(), train.Select(m => -m.Values["loss"]).ToList()),
        };
        var test = evaluations.Where(e => e.Step > 0 && e.Values.ContainsKey("test_neg_elbo")).ToList();
        if (test.Count > 0)
            series.Add(new($"{label} test", test.Select(e => (double)e.Step * batchSize).ToList(),
                test.Select(e => -e.Values["test_neg_elbo"]).ToList()));
        return series;
    }

    /// <summary>
    /// 2-D codes (N, 2) split by label (N) into one series per class that occurs, named by
    /// <paramref name="classNames"/>[label], in class order.
    /// </summary>
    public static IReadOnlyList<XYSeries> CodesByClass(Tensor codes, Tensor labels, IReadOnlyList<string> classNames)
    {
        if (codes.dim() != 2 || codes.shape[1] != 2)
            throw new ArgumentException($"codes must be (N, 2), got ({string.Join(", ", codes.shape)})", nameof(codes));
        if (labels.dim() != 1 || labels.shape[0] != codes.shape[0])
            throw new ArgumentException($"labels must be (N) with N = {codes.shape[0]}, got ({string.Join(", ", labels.shape)})", nameof(labels));
        var points = codes.detach().to_type(ScalarType.Float64).cpu().data<double>().ToArray();   // row-major (N, 2)
        var classes = labels.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
        var series = new List<XYSeries>();
        foreach (var c in classes.Distinct().Order())
        {
            if (c < 0 || c >= classNames.Count) throw new ArgumentException($"label {c} has no name among {classNames.Count} class names", nameof(labels));
            var rows = Enumerable.Range(0, classes.Length).Where(i => classes[i] == c).ToList();
            series.Add(new(classNames[(int)c], rows.Select(i => points[2 * i]).ToList(), rows.Select(i => points[2 * i + 1]).ToList()));
        }
        return series;
    }
}
