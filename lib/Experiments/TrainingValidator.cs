using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;

namespace GanWorkbench.Experiments;

/// <summary>
/// The value checks of the training fields — model family, loss, penalty, schedule, EMA, checkpoints,
/// VAE — and of how they fit together (a gradient penalty with a batch-norm discriminator, a sigmoid
/// generator on [−1, 1] data, BEGAN's loss without its autoencoder, …). Called by
/// <see cref="ExperimentValidator"/>; every error names the field's origin and the fix.
/// </summary>
public static class TrainingValidator
{
    static readonly string[] SpectralNormModels = ["dcgan", "mlp", "toy-mlp", "cdcgan"];
    static readonly string[] BatchNormDiscriminators = ["dcgan", "cdcgan", "infogan"];
    static readonly string[] LabelledModels = ["cdcgan", "ssgan"];

    /// <summary>Throws the first problem found. <paramref name="at"/> gives a field's origin;
    /// <paramref name="given"/> says whether the experiment set the field explicitly.</summary>
    public static void Validate(ExperimentSpec s, Func<string, string> at, Func<string, bool> given)
    {
        void Fail(string field, string message) => throw new InputException($"{at(field)}: {message}");
        void OneOf(string field, string value, IReadOnlyCollection<string> allowed)
        {
            if (!allowed.Contains(value))
                Fail(field, $"{field}: unknown value '{value}'{YamlTree.DidYouMean(value, allowed)}; expected one of {string.Join(", ", allowed)}.");
        }
        void Positive(string field, double value)
        {
            if (!(value > 0)) Fail(field, $"{field} must be positive, got {value}.");
        }
        void Fraction(string field, double value)
        {
            if (value is < 0 or >= 1) Fail(field, $"{field} must be in [0, 1), got {value}.");
        }

        var family = ModelZoo.Family(s.Model.Name);
        bool toy = ToyDistributions.IsToy(s.Data.Dataset);
        string model = s.Model.Name;

        // ---- data ↔ model --------------------------------------------------------------------
        if (toy != (model == "toy-mlp"))
            Fail(toy ? "data.dataset" : "model.name", toy
                ? $"data.dataset '{s.Data.Dataset}' is a 2-D toy distribution, which model '{model}' cannot generate; use model.name: toy-mlp."
                : $"model 'toy-mlp' generates 2-D points; use a toy data.dataset ({string.Join(", ", ToyDistributions.Names)}).");
        if (!toy && family.Scale == "zero_one" && s.Data.Scale == "tanh")
            Fail("data.scale", $"model '{model}' produces pixels in [0, 1] (sigmoid) and cannot match data in [−1, 1]; set data.scale: zero_one.");
        if (s.Data.Binarize && s.Data.Scale != "zero_one")
            Fail("data.binarize", "data.binarize needs pixels in [0, 1]: set data.scale: zero_one.");
        if (toy && (LabelledModels.Contains(model) || s.Vae.Conditional))
            Fail("data.dataset", $"toy distributions have no labels, which model '{model}' needs.");

        // ---- model options ---------------------------------------------------------------------
        OneOf("model.conditioning", s.Model.Conditioning, ["concat", "projection"]);
        Positive("model.label_embedding", s.Model.LabelEmbedding);
        if (s.Model.Categories < 2) Fail("model.categories", $"model.categories must be at least 2, got {s.Model.Categories}.");
        if (s.Model.ContinuousCodes < 0) Fail("model.continuous_codes", $"model.continuous_codes must be ≥ 0, got {s.Model.ContinuousCodes}.");
        Positive("model.bottleneck", s.Model.Bottleneck);
        OneOf("model.began_generator", s.Model.BeganGenerator, ["dcgan", "decoder"]);
        OneOf("model.began_discriminator", s.Model.BeganDiscriminator, ["paper", "shallow"]);
        Positive("model.labels_per_class", s.Model.LabelsPerClass);
        if (s.Model.SpectralNorm && !SpectralNormModels.Contains(model))
            Fail("model.spectral_norm", $"model '{model}' has no spectral-norm option; models with one: {string.Join(", ", SpectralNormModels)}.");

        if (family.Kind == "vae")
        {
            ValidateVae(s, at);
        }
        else
        {
            // ---- loss, penalty, clipping ----------------------------------------------------------
            var loss = LossZoo.Resolve(s.Loss);
            OneOf("loss.penalty", loss.Penalty ?? "none", LossZoo.PenaltyNames);
            if (loss.PenaltyWeight is < 0) Fail("loss.penalty_weight", $"loss.penalty_weight must be ≥ 0, got {loss.PenaltyWeight}.");
            if (loss.Clip is < 0) Fail("loss.clip", $"loss.clip must be ≥ 0 (0 = no clipping), got {loss.Clip}.");
            if (loss.Penalty != "none" && s.Model.DBatchNorm && BatchNormDiscriminators.Contains(model))
                Fail(given("loss.penalty") ? "loss.penalty" : "loss.name",
                    $"the '{loss.Penalty}' penalty is defined per sample, but model '{model}' has batch norm in its discriminator, " +
                    "which mixes the samples of a batch (Gulrajani et al. 2017, §4); set model.d_batch_norm: false.");
            if ((model == "began") != (s.Loss.Name == "began"))
                Fail("loss.name", model == "began"
                    ? $"model 'began' scores samples by reconstruction error and trains with loss.name: began, not '{s.Loss.Name}'."
                    : $"loss 'began' needs the autoencoder discriminator of model.name: began, not '{model}'.");
            if (s.Loss.BeganGamma is <= 0 or > 1) Fail("loss.began_gamma", $"loss.began_gamma must be in (0, 1], got {s.Loss.BeganGamma}.");
            if (s.Loss.BeganLambdaK < 0) Fail("loss.began_lambda_k", $"loss.began_lambda_k must be ≥ 0, got {s.Loss.BeganLambdaK}.");
            if (s.Loss.InfoWeight < 0) Fail("loss.info_weight", $"loss.info_weight must be ≥ 0, got {s.Loss.InfoWeight}.");
            if (s.Loss.InfoContinuousWeight < 0) Fail("loss.info_continuous_weight", $"loss.info_continuous_weight must be ≥ 0, got {s.Loss.InfoContinuousWeight}.");
            foreach (var (field, value, standard) in new[] { ("fake_target", s.Loss.FakeTarget, 0.0), ("generator_target", s.Loss.GeneratorTarget, 1.0) })
                if (value != standard && s.Loss.Name != "lsgan")
                    Fail($"loss.{field}", $"loss.{field} is LSGAN's {(field == "fake_target" ? "a" : "c")} and applies to loss.name: lsgan only, not '{s.Loss.Name}'.");
            if (s.Schedule.Kind == "simultaneous" && s.Schedule.DSteps != 1)
                Fail("schedule.d_steps", $"schedule.d_steps applies to alternating updates; simultaneous updates step both players once (got d_steps: {s.Schedule.DSteps}).");
            if (s.EmaDecay is < 0 or >= 1) Fail("ema_decay", $"ema_decay must be in [0, 1) (0 = off), got {s.EmaDecay}.");
        }

        // ---- optimisers, checkpoints, evaluation ---------------------------------------------------
        Fraction("g_optim.momentum", s.GOptim.Momentum);
        Fraction("d_optim.momentum", s.DOptim.Momentum);
        if (s.CheckpointEvery < 0) Fail("checkpoint_every", $"checkpoint_every must be ≥ 0 (0 = only at the end), got {s.CheckpointEvery}.");
        if (s.CheckpointEvery > 0 && s.CheckpointEvery % s.LogEvery != 0)
            Fail("checkpoint_every", $"checkpoint_every ({s.CheckpointEvery}) must be a multiple of log_every ({s.LogEvery}), " +
                                     "so a checkpoint follows a logged (and checked) window.");
        if (s.EvalEvery < 0) Fail("eval_every", $"eval_every must be ≥ 0 (0 = only at the end), got {s.EvalEvery}.");
        var metrics = Metrics.MetricsObserver.AllowedMetrics(s.Data.Dataset);
        foreach (var metric in s.EvalMetrics)
            if (!metrics.Contains(metric))
                Fail("eval_metrics", metrics.Count == 0
                    ? $"eval_metrics: data.dataset '{s.Data.Dataset}' has no metrics to evaluate (it has no modes); remove '{metric}'."
                    : $"eval_metrics: unknown metric '{metric}'{YamlTree.DidYouMean(metric, metrics)} for data.dataset '{s.Data.Dataset}'; expected some of {string.Join(", ", metrics)}.");
        if (s.EvalSamples < Metrics.MetricsObserver.MinimumSamples)
            Fail("eval_samples", $"eval_samples must be at least {Metrics.MetricsObserver.MinimumSamples}, got {s.EvalSamples}.");
    }

    static void ValidateVae(ExperimentSpec s, Func<string, string> at)
    {
        void Fail(string field, string message) => throw new InputException($"{at(field)}: {message}");
        void OneOf(string field, string value, string[] allowed)
        {
            if (!allowed.Contains(value))
                Fail(field, $"{field}: unknown value '{value}'{YamlTree.DidYouMean(value, allowed)}; expected one of {string.Join(", ", allowed)}.");
        }
        var v = s.Vae;
        OneOf("vae.architecture", v.Architecture, ["mlp", "conv"]);
        OneOf("vae.activation", v.Activation, ["relu", "tanh", "softplus"]);
        OneOf("vae.likelihood", v.Likelihood, ["bernoulli", "gaussian"]);
        OneOf("vae.objective", v.Objective, ["elbo", "iwae"]);
        if (v.Hidden.Count == 0 || v.Hidden.Any(h => h <= 0))
            Fail("vae.hidden", $"vae.hidden must list positive layer sizes, e.g. [400], got [{string.Join(", ", v.Hidden)}].");
        if (v.Beta < 0) Fail("vae.beta", $"vae.beta must be ≥ 0, got {v.Beta}.");
        if (v.Samples < 1) Fail("vae.samples", $"vae.samples must be at least 1, got {v.Samples}.");
    }
}
