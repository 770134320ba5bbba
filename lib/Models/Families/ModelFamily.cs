using GanWorkbench.Data;
using GanWorkbench.Losses;

namespace GanWorkbench.Models;

/// <summary>
/// A model family: everything the workbench knows about one <c>model.name</c> — what it is, where its
/// samples live, its options record (the fields of <c>model:</c>), what it needs from the data and the
/// loss, how its options are checked, and (in <see cref="GanFamily"/> and <see cref="VaeFamily"/>) how
/// its networks, its game and its own evaluation are made. <see cref="ModelFamilies"/> lists them; adding
/// one is one file (lib/Models/README.md).
/// </summary>
public abstract class ModelFamily
{
    string? name;

    /// <summary>The <c>model.name</c> of experiments.yaml: its options record's <see cref="ModelOptions.Name"/>.</summary>
    public string Name => name ??= DefaultOptions().Name;

    /// <summary>One line on what the family is, with its paper.</summary>
    public abstract string Description { get; }

    /// <summary>Where its samples live: tanh or [0, 1] images, or 2-D points.</summary>
    public abstract SampleSpace Samples { get; }

    /// <summary>A fresh options record with the family's defaults; its type is what <c>model:</c> binds to.</summary>
    public abstract ModelOptions DefaultOptions();

    /// <summary>Whether the family trains on labelled data (class-conditional or semi-supervised).</summary>
    public virtual bool NeedsLabels(ModelOptions options) => false;

    /// <summary>Whether its discriminator mixes the samples of a batch (batch norm), which a per-sample
    /// gradient penalty forbids.</summary>
    public virtual bool MixesBatchInDiscriminator(ModelOptions options) => false;

    /// <summary>The loss the family must train with, if any (BEGAN's autoencoder needs its own).</summary>
    public virtual LossName? RequiredLoss => null;

    /// <summary>Checks the family's own option values; fail through <paramref name="check"/> so the
    /// error names the field's line.</summary>
    public virtual void Validate(ModelOptions options, FieldCheck check) { }
}
