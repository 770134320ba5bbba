using GanWorkbench.Data;
using GanWorkbench.Metrics;
using GanWorkbench.Models;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

/// <summary>Value checks on a bound <see cref="ExperimentSpec"/>: names that must exist, numbers that
/// must be in range. Errors name the field's origin (file:line:column) and the allowed values. Closed
/// choices (enums) were already checked by the binder.</summary>
public static class ExperimentValidator
{
    /// <summary>Fields whose value must be a name of a registry, with those names (so a new model family,
    /// dataset or metric is known here as soon as it is registered).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> Choices => new Dictionary<string, IReadOnlyCollection<string>>
    {
        ["data.dataset"] = DatasetCatalog.All.Select(d => d.Name).Concat(ToyDistributions.Names).ToList(),
        ["model.name"] = ModelFamilies.Names,
        ["eval_metrics"] = ImageMetricSuite.KnownMetrics.Append(MetricsObserver.ModesMetric).ToList(),
    };

    /// <summary>Throws the first problem found as an <see cref="InputException"/>.</summary>
    public static void Validate(ExperimentSpec s, IReadOnlyDictionary<string, string> origins, string fallback)
    {
        var check = new FieldCheck(field => origins.TryGetValue(field, out var o) ? o : fallback, origins.ContainsKey);
        check.OneOf("data.dataset", s.Data.Dataset, Choices["data.dataset"]);
        check.Positive("data.batch_size", s.Data.BatchSize);
        if (s.Data.TrainImages is int train) check.Positive("data.train_images", train);
        check.Positive("model.latent_dim", s.Model.LatentDim);
        if (s.Model is GanOptions gan)
        {
            check.Positive("model.g_width", gan.GWidth);
            check.Positive("model.d_width", gan.DWidth);
        }
        if (s.Loss.RealTarget is <= 0 or > 1) check.Fail("loss.real_target", $"loss.real_target must be in (0, 1], got {s.Loss.RealTarget}.");
        check.Positive("schedule.d_steps", s.Schedule.DSteps);
        foreach (var (field, o) in new[] { ("g_optim", s.GOptim), ("d_optim", s.DOptim) })
        {
            check.Positive($"{field}.lr", o.Lr);
            check.Fraction($"{field}.beta1", o.Beta1);
            check.Fraction($"{field}.beta2", o.Beta2);
            if (o.LrMin < 0 || o.LrMin >= o.Lr)
                check.Fail($"{field}.lr_min", $"{field}.lr_min must be in [0, {field}.lr = {o.Lr}), got {o.LrMin}.");
            if (o.Decay == DecayKind.Exponential && !(o.DecayFactor >= 1))
                check.Fail($"{field}.decay_factor", $"{field}.decay_factor divides the rate every step, so it must be ≥ 1 (e.g. 1.000004), got {o.DecayFactor}.");
            if (o.Decay == DecayKind.Stages && o.DecayFactor is <= 0 or > 1)
                check.Fail($"{field}.decay_factor", $"{field}.decay_factor multiplies the rate at every stage, so it must be in (0, 1] (e.g. 0.7197), got {o.DecayFactor}.");
            if (o.Decay == DecayKind.Stages && !(o.StageBase >= 1))
                check.Fail($"{field}.stage_base", $"{field}.stage_base must be ≥ 1 (stage i spans stage_base^i epochs), got {o.StageBase}.");
            if (o.Eps is double eps && !(eps > 0)) check.Fail($"{field}.eps", $"{field}.eps must be positive, got {eps}.");
            if (o.WeightDecay is double decay && !(decay >= 0))
                check.Fail($"{field}.weight_decay", $"{field}.weight_decay must be ≥ 0 (e.g. 2.5e-5), got {decay}; remove it for none.");
            if (o.MomentumFinal is double final)
            {
                if (o.Name != OptimizerName.Sgd)
                    check.Fail($"{field}.momentum_final", $"{field}.momentum_final ramps SGD's momentum; {field}.name is {YamlNames.Of(o.Name)}. Remove it or use name: sgd.");
                check.Fraction($"{field}.momentum_final", final);
                check.Positive($"{field}.momentum_epochs", o.MomentumEpochs);
            }
        }
        if ((s.Budget.Steps is null) == (s.Budget.Epochs is null))
            check.Fail("budget", $"budget needs exactly one of 'steps' or 'epochs' (got {(s.Budget.Steps is null ? "neither); set one of them, e.g. steps: 1000." : "both); remove one of them.")}");
        if (s.Budget.Steps is long steps) check.Positive("budget.steps", steps);
        if (s.Budget.Epochs is double epochs) check.Positive("budget.epochs", epochs);
        check.Positive("log_every", s.LogEvery);
        check.NonNegative("sample_every", s.SampleEvery, "0 = only at the end");
        check.Positive("sample_count", s.SampleCount);
        check.NonNegative("threads", s.Threads, "0 = all cores");
        check.NonNegative("seed", s.Seed);
        ExperimentBounds.Validate(s, check);
        TrainingValidator.Validate(s, check);
    }
}
