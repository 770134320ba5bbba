using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Models;

/// <summary>What a family's game is built from besides its two networks: the objective, the optional
/// penalty and clipping, and — for families that keep their own data, like the semi-supervised GAN's
/// labelled subset — the training set and the run's seed, batch size and binarisation.</summary>
public sealed record GameParts(GanLoss Loss, DiscriminatorPenalty? Penalty, WeightClipping? Clipping,
    ImageDataset? Train = null, long Seed = 1, int BatchSize = 64, bool Binarize = false);

/// <summary>A GAN family: it builds G, D and the <see cref="AdversarialGame"/> that scores them, and may
/// score a trained game on the test set (InfoGAN's code accuracy, the semi-supervised test error).</summary>
public abstract class GanFamily : ModelFamily
{
    /// <summary>A new generator (called twice when EMA is on: the model and its average).</summary>
    public abstract nn.Module CreateGenerator(ModelOptions options, int classes);

    /// <summary>A new discriminator.</summary>
    public abstract nn.Module CreateDiscriminator(ModelOptions options, int classes);

    /// <summary>The game that trains <paramref name="g"/> against <paramref name="d"/> (both made by this family).</summary>
    public abstract AdversarialGame CreateGame(ModelOptions options, nn.Module g, nn.Module d, GameParts parts);

    /// <summary>Initialises what the family takes from the training data (e.g. output biases from the
    /// pixel means), once, after <paramref name="generator"/> and <paramref name="discriminator"/> are built.</summary>
    public virtual void InitializeFromData(ModelOptions options, nn.Module generator, nn.Module discriminator, ImageDataset train) { }

    /// <summary>Whether <see cref="Evaluate"/> scores anything (so the test set is loaded only then).</summary>
    public virtual bool EvaluatesOnTestSet => false;

    /// <summary>The family's own scores of a trained game on the test set, recorded by name.</summary>
    public virtual void Evaluate(AdversarialGame game, ImageDataset test, Action<string, double> record) { }
}

/// <summary>A <see cref="GanFamily"/> with its options record <typeparamref name="TOptions"/>: the typed
/// members below are the ones a family implements.</summary>
public abstract class GanFamily<TOptions> : GanFamily where TOptions : ModelOptions, new()
{
    /// <inheritdoc/>
    public sealed override ModelOptions DefaultOptions() => new TOptions();

    /// <summary>A new generator for <paramref name="options"/>.</summary>
    public abstract nn.Module Generator(TOptions options, int classes);

    /// <summary>A new discriminator for <paramref name="options"/>.</summary>
    public abstract nn.Module Discriminator(TOptions options, int classes);

    /// <summary>The game; by default the unconditional <see cref="StandardGame"/> under any loss.</summary>
    public virtual AdversarialGame Game(TOptions options, nn.Module g, nn.Module d, GameParts parts) =>
        new StandardGame((GeneratorModule)g, (DiscriminatorModule)d, parts.Loss, parts.Penalty, parts.Clipping);

    /// <summary>Typed <see cref="ModelFamily.Validate"/>.</summary>
    public virtual void Check(TOptions options, FieldCheck check) { }

    /// <summary>Typed <see cref="ModelFamily.NeedsLabels"/>.</summary>
    public virtual bool Labelled(TOptions options) => false;

    /// <summary>Typed <see cref="ModelFamily.MixesBatchInDiscriminator"/>.</summary>
    public virtual bool BatchNormInDiscriminator(TOptions options) => false;

    /// <inheritdoc/>
    public sealed override nn.Module CreateGenerator(ModelOptions options, int classes) => Generator(Typed(options), classes);
    /// <inheritdoc/>
    public sealed override nn.Module CreateDiscriminator(ModelOptions options, int classes) => Discriminator(Typed(options), classes);
    /// <inheritdoc/>
    public sealed override AdversarialGame CreateGame(ModelOptions options, nn.Module g, nn.Module d, GameParts parts) => Game(Typed(options), g, d, parts);
    /// <inheritdoc/>
    public sealed override void Validate(ModelOptions options, FieldCheck check) => Check(Typed(options), check);
    /// <inheritdoc/>
    public sealed override bool NeedsLabels(ModelOptions options) => Labelled(Typed(options));
    /// <inheritdoc/>
    public sealed override bool MixesBatchInDiscriminator(ModelOptions options) => BatchNormInDiscriminator(Typed(options));

    TOptions Typed(ModelOptions options) => options as TOptions
        ?? throw new ArgumentException($"model '{Name}' takes {typeof(TOptions).Name}, got {options.GetType().Name}", nameof(options));
}
