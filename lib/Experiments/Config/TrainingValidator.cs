using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

/// <summary>
/// The checks of how an experiment's training fields fit together — the model family against the data
/// (toy points or images, pixel scale, labels) and against the loss (a per-sample penalty with a
/// batch-norm discriminator, a family that needs its own loss), the schedule, EMA, checkpoints and
/// evaluation — and the family's own option checks. Called by <see cref="ExperimentValidator"/>; every
/// error names the field's origin and the fix.
/// </summary>
public static class TrainingValidator
{
    /// <summary>Throws the first problem found.</summary>
    public static void Validate(ExperimentSpec s, FieldCheck check)
    {
        var family = ModelFamilies.Of(s.Model);
        bool toy = ToyDistributions.IsToy(s.Data.Dataset);
        string model = family.Name;
        bool points = family.Samples == SampleSpace.Points;

        // ---- data ↔ model --------------------------------------------------------------------
        if (toy != points)
            check.Fail(toy ? "data.dataset" : "model.name", toy
                ? $"data.dataset '{s.Data.Dataset}' is a 2-D toy distribution, which model '{model}' cannot generate; use {PointFamilies()}."
                : $"model '{model}' generates 2-D points; use a toy data.dataset ({string.Join(", ", ToyDistributions.Names)}).");
        if (!toy && family.Samples == SampleSpace.ZeroOne && s.Data.Scale == PixelScale.Tanh)
            check.Fail("data.scale", $"model '{model}' produces pixels in [0, 1] (sigmoid) and cannot match data in [−1, 1]; set data.scale: zero_one.");
        if (s.Data.Binarize && s.Data.Scale != PixelScale.ZeroOne)
            check.Fail("data.binarize", "data.binarize needs pixels in [0, 1]: set data.scale: zero_one.");
        if (toy && family.NeedsLabels(s.Model))
            check.Fail("data.dataset", $"toy distributions have no labels, which model '{model}' needs.");

        family.Validate(s.Model, check);

        if (family is GanFamily)
        {
            // ---- loss, penalty, clipping ----------------------------------------------------------
            var loss = LossFactory.Resolve(s.Loss);
            if (loss.PenaltyWeight is < 0) check.Fail("loss.penalty_weight", $"loss.penalty_weight must be ≥ 0, got {loss.PenaltyWeight}.");
            if (loss.Clip is < 0) check.Fail("loss.clip", $"loss.clip must be ≥ 0 (0 = no clipping), got {loss.Clip}.");
            if (loss.Penalty != PenaltyKind.None && family.MixesBatchInDiscriminator(s.Model))
                check.Fail(check.Given("loss.penalty") ? "loss.penalty" : "loss.name",
                    $"the '{YamlNames.Of(loss.Penalty!)}' penalty is defined per sample, but model '{model}' has batch norm in its discriminator, " +
                    "which mixes the samples of a batch (Gulrajani et al. 2017, §4); set model.d_batch_norm: false.");
            if (family.RequiredLoss is { } required && s.Loss.Name != required)
                check.Fail("loss.name", $"model '{model}' trains with loss.name: {YamlNames.Of(required)}, not '{YamlNames.Of(s.Loss.Name)}'.");
            if (family.RequiredLoss != s.Loss.Name && ModelFamilies.All.FirstOrDefault(f => f.RequiredLoss == s.Loss.Name) is { } owner)
                check.Fail("loss.name", $"loss '{YamlNames.Of(s.Loss.Name)}' needs model.name: {owner.Name} ({owner.Description}), not '{model}'.");
            if (s.Loss.BeganGamma is <= 0 or > 1) check.Fail("loss.began_gamma", $"loss.began_gamma must be in (0, 1], got {s.Loss.BeganGamma}.");
            check.NonNegative("loss.began_lambda_k", s.Loss.BeganLambdaK);
            foreach (var (field, value, standard) in new[] { ("fake_target", s.Loss.FakeTarget, 0.0), ("generator_target", s.Loss.GeneratorTarget, 1.0) })
                if (value != standard && s.Loss.Name != LossName.Lsgan)
                    check.Fail($"loss.{field}", $"loss.{field} is LSGAN's {(field == "fake_target" ? "a" : "c")} and applies to loss.name: lsgan only, not '{YamlNames.Of(s.Loss.Name)}'.");
            if (s.Schedule.Kind == UpdateKind.Simultaneous && s.Schedule.DSteps != 1)
                check.Fail("schedule.d_steps", $"schedule.d_steps applies to alternating updates; simultaneous updates step both players once (got d_steps: {s.Schedule.DSteps}).");
            if (s.EmaDecay is < 0 or >= 1) check.Fail("ema_decay", $"ema_decay must be in [0, 1) (0 = off), got {s.EmaDecay}.");
        }

        // ---- optimisers, checkpoints, evaluation ---------------------------------------------------
        check.Fraction("g_optim.momentum", s.GOptim.Momentum);
        check.Fraction("d_optim.momentum", s.DOptim.Momentum);
        check.NonNegative("checkpoint_every", s.CheckpointEvery, "0 = only at the end");
        if (s.CheckpointEvery > 0 && s.CheckpointEvery % s.LogEvery != 0)
            check.Fail("checkpoint_every", $"checkpoint_every ({s.CheckpointEvery}) must be a multiple of log_every ({s.LogEvery}), " +
                                           "so a checkpoint follows a logged (and checked) window.");
        check.NonNegative("eval_every", s.EvalEvery, "0 = only at the end");
        var metrics = MetricsObserver.AllowedMetrics(s.Data.Dataset);
        foreach (var metric in s.EvalMetrics)
            if (!metrics.Contains(metric))
                check.Fail("eval_metrics", metrics.Count == 0
                    ? $"eval_metrics: data.dataset '{s.Data.Dataset}' has no metrics to evaluate (it has no modes); remove '{metric}'."
                    : $"eval_metrics: unknown metric '{metric}'{Spelling.DidYouMean(metric, metrics)} for data.dataset '{s.Data.Dataset}'; expected some of {string.Join(", ", metrics)}.");
        if (s.EvalSamples < MetricsObserver.MinimumSamples)
            check.Fail("eval_samples", $"eval_samples must be at least {MetricsObserver.MinimumSamples}, got {s.EvalSamples}.");
    }

    static string PointFamilies() =>
        string.Join(" or ", ModelFamilies.All.Where(f => f.Samples == SampleSpace.Points).Select(f => $"model.name: {f.Name}"));
}
