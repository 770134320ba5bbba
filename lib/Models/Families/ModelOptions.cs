namespace GanWorkbench.Models;

/// <summary>
/// The <c>model:</c> section of an experiment: the fields every family reads. Each family's options
/// record derives from this (or from <see cref="GanOptions"/>) and adds its own fields, so the section
/// accepts exactly the fields of the family named by <see cref="Name"/>.
/// </summary>
public abstract record ModelOptions : IChosenRecord
{
    /// <summary>The family, e.g. <c>dcgan</c> (<see cref="ModelFamilies"/> lists them).</summary>
    public abstract string Name { get; }
    /// <inheritdoc/>
    string IChosenRecord.ChoiceName => Name;
    /// <summary>Length of the latent vector z.</summary>
    public int LatentDim { get; init; } = 100;
}

/// <summary>The fields every GAN family reads besides the latent size: the widths of its two networks.</summary>
public abstract record GanOptions : ModelOptions
{
    /// <summary>Generator width (channels at 14×14 for DCGAN-style generators, units per hidden layer for MLPs).</summary>
    public int GWidth { get; init; } = 64;
    /// <summary>Discriminator width.</summary>
    public int DWidth { get; init; } = 64;
}
