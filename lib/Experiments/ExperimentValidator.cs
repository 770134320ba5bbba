using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

/// <summary>Value checks on a bound <see cref="ExperimentSpec"/>: names that must exist, numbers that
/// must be in range. Errors name the field's origin (file:line:column) and the allowed values.</summary>
public static class ExperimentValidator
{
    /// <summary>Fields whose value must be one of a list of names, with those names (the zoos'
    /// registries, so a new model, loss or dataset is known here as soon as it is registered).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> Choices => new Dictionary<string, IReadOnlyCollection<string>>
    {
        ["data.dataset"] = DatasetCatalog.All.Select(d => d.Name).Concat(ToyDistributions.Names).ToList(),
        ["data.scale"] = ["tanh", "zero_one"],
        ["model.name"] = ModelZoo.Names,
        ["loss.name"] = LossZoo.Names,
        ["schedule.kind"] = ["alternating", "simultaneous"],
        ["g_optim.name"] = OptimizerFactory.Names,
        ["d_optim.name"] = OptimizerFactory.Names,
        ["g_optim.decay"] = LearningRateDecay.Names,
        ["d_optim.decay"] = LearningRateDecay.Names,
    };

    /// <summary>Throws the first problem found as an <see cref="InputException"/>.</summary>
    public static void Validate(ExperimentSpec s, IReadOnlyDictionary<string, string> origins, string fallback)
    {
        string At(string field) => origins.TryGetValue(field, out var o) ? o : fallback;
        void OneOf(string field, string value, IReadOnlyCollection<string> allowed)
        {
            if (!allowed.Contains(value))
                throw new InputException($"{At(field)}: {field}: unknown value '{value}'{Experiments.YamlTree.DidYouMean(value, allowed)}; " +
                                         $"expected one of {string.Join(", ", allowed)}.");
        }
        void Positive(string field, double value)
        {
            if (!(value > 0)) throw new InputException($"{At(field)}: {field} must be positive, got {value}.");
        }

        var choices = Choices;
        OneOf("data.dataset", s.Data.Dataset, choices["data.dataset"]);
        OneOf("data.scale", s.Data.Scale, choices["data.scale"]);
        Positive("data.batch_size", s.Data.BatchSize);
        OneOf("model.name", s.Model.Name, choices["model.name"]);
        Positive("model.latent_dim", s.Model.LatentDim);
        Positive("model.g_width", s.Model.GWidth);
        if (s.Model.GHidden < 0) throw new InputException($"{At("model.g_hidden")}: model.g_hidden must be ≥ 0 (0 = no hidden layer), got {s.Model.GHidden}.");
        Positive("model.d_width", s.Model.DWidth);
        OneOf("loss.name", s.Loss.Name, choices["loss.name"]);
        if (s.Loss.RealTarget is <= 0 or > 1)
            throw new InputException($"{At("loss.real_target")}: loss.real_target must be in (0, 1], got {s.Loss.RealTarget}.");
        OneOf("schedule.kind", s.Schedule.Kind, choices["schedule.kind"]);
        Positive("schedule.d_steps", s.Schedule.DSteps);
        foreach (var (field, o) in new[] { ("g_optim", s.GOptim), ("d_optim", s.DOptim) })
        {
            OneOf($"{field}.name", o.Name, choices[$"{field}.name"]);
            Positive($"{field}.lr", o.Lr);
            if (o.Beta1 is < 0 or >= 1) throw new InputException($"{At($"{field}.beta1")}: {field}.beta1 must be in [0, 1), got {o.Beta1}.");
            if (o.Beta2 is < 0 or >= 1) throw new InputException($"{At($"{field}.beta2")}: {field}.beta2 must be in [0, 1), got {o.Beta2}.");
            OneOf($"{field}.decay", o.Decay, choices[$"{field}.decay"]);
            if (o.LrMin < 0 || o.LrMin >= o.Lr)
                throw new InputException($"{At($"{field}.lr_min")}: {field}.lr_min must be in [0, {field}.lr = {o.Lr}), got {o.LrMin}.");
        }
        if ((s.Budget.Steps is null) == (s.Budget.Epochs is null))
            throw new InputException($"{At("budget")}: budget needs exactly one of 'steps' or 'epochs' (got {(s.Budget.Steps is null ? "neither" : "both")}).");
        if (s.Budget.Steps is long steps) Positive("budget.steps", steps);
        if (s.Budget.Epochs is double epochs) Positive("budget.epochs", epochs);
        Positive("log_every", s.LogEvery);
        if (s.SampleEvery < 0) throw new InputException($"{At("sample_every")}: sample_every must be ≥ 0 (0 = only at the end), got {s.SampleEvery}.");
        Positive("sample_count", s.SampleCount);
        if (s.Threads < 0) throw new InputException($"{At("threads")}: threads must be ≥ 0 (0 = all cores), got {s.Threads}.");
        if (s.Seed < 0) throw new InputException($"{At("seed")}: seed must be ≥ 0, got {s.Seed}.");
        TrainingValidator.Validate(s, At, origins.ContainsKey);
    }
}
