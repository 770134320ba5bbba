namespace GanWorkbench.Experiments;

// The experiment schema: plain records with documented defaults. YAML keys are the snake_case
// forms of the property names (batch_size ↔ BatchSize). docs/experiments.md lists every field.

/// <summary>Which data, how it is scaled and batched.</summary>
public sealed record DataSpec
{
    /// <summary><c>mnist</c> or <c>fashion-mnist</c>.</summary>
    public string Dataset { get; init; } = "mnist";
    /// <summary>Pixel range: <c>tanh</c> = [−1, 1] (tanh generators), <c>zero_one</c> = [0, 1].</summary>
    public string Scale { get; init; } = "tanh";
    /// <summary>Examples per batch (both players see batches of this size).</summary>
    public int BatchSize { get; init; } = 64;
}

/// <summary>The model pair and its sizes.</summary>
public sealed record ModelSpec
{
    /// <summary>Model family, e.g. <c>dcgan</c>.</summary>
    public string Name { get; init; } = "dcgan";
    /// <summary>Length of the latent vector z.</summary>
    public int LatentDim { get; init; } = 100;
    /// <summary>Generator width (channels at 14×14 for DCGAN).</summary>
    public int GWidth { get; init; } = 64;
    /// <summary>Discriminator width.</summary>
    public int DWidth { get; init; } = 64;
}

/// <summary>The GAN objective.</summary>
public sealed record LossSpec
{
    /// <summary>Loss name, e.g. <c>ns</c> (non-saturating).</summary>
    public string Name { get; init; } = "ns";
    /// <summary>One-sided label smoothing: target for real samples (1 = none, 0.9 = Salimans et al.).</summary>
    public double RealTarget { get; init; } = 1.0;
}

/// <summary>The update schedule.</summary>
public sealed record ScheduleSpec
{
    /// <summary><c>alternating</c> or <c>simultaneous</c>.</summary>
    public string Kind { get; init; } = "alternating";
    /// <summary>Discriminator steps per generator step (alternating only).</summary>
    public int DSteps { get; init; } = 1;
}

/// <summary>One player's optimiser.</summary>
public sealed record OptimizerSpec
{
    /// <summary><c>adam</c>, <c>rmsprop</c> or <c>sgd</c>.</summary>
    public string Name { get; init; } = "adam";
    /// <summary>Learning rate.</summary>
    public double Lr { get; init; } = 2e-4;
    /// <summary>Adam β1 (DCGAN: 0.5).</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;
}

/// <summary>How long to train: generator steps, or epochs over the training set (one of the two).</summary>
public sealed record BudgetSpec
{
    /// <summary>Generator updates (null = use <see cref="Epochs"/>).</summary>
    public long? Steps { get; init; }
    /// <summary>Epochs of the training set, counted in real batches seen by D (null = use <see cref="Steps"/>).</summary>
    public double? Epochs { get; init; }
}

/// <summary>A fully resolved experiment: what <c>./gwb run NAME</c> and the notebooks train.</summary>
public sealed record ExperimentSpec
{
    /// <summary>The experiment's name in experiments.yaml (set by the loader).</summary>
    public string Name { get; init; } = "";
    /// <summary>One sentence on what it shows.</summary>
    public string Description { get; init; } = "";
    /// <summary>Seed of torch and .NET randomness.</summary>
    public long Seed { get; init; } = 1;
    /// <summary><c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> (env GWB_DEVICE overrides).</summary>
    public string Device { get; init; } = "auto";
    /// <summary>CPU threads (0 = GWB_THREADS, else all cores).</summary>
    public int Threads { get; init; }
    /// <summary>Data.</summary>
    public DataSpec Data { get; init; } = new();
    /// <summary>Model pair.</summary>
    public ModelSpec Model { get; init; } = new();
    /// <summary>Objective.</summary>
    public LossSpec Loss { get; init; } = new();
    /// <summary>Update schedule.</summary>
    public ScheduleSpec Schedule { get; init; } = new();
    /// <summary>Generator optimiser.</summary>
    public OptimizerSpec GOptim { get; init; } = new();
    /// <summary>Discriminator optimiser.</summary>
    public OptimizerSpec DOptim { get; init; } = new();
    /// <summary>Training budget.</summary>
    public BudgetSpec Budget { get; init; } = new() { Epochs = 1 };
    /// <summary>Generator steps between metrics.jsonl lines.</summary>
    public int LogEvery { get; init; } = 50;
    /// <summary>Generator steps between sample grids (0 = only at the end).</summary>
    public int SampleEvery { get; init; } = 200;
    /// <summary>Images in each sample grid (fixed noise, so grids are comparable over time).</summary>
    public int SampleCount { get; init; } = 64;
}
