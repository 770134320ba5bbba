using GanWorkbench.Data;
using GanWorkbench.Losses;
using GanWorkbench.Models;
using GanWorkbench.Runtime;
using GanWorkbench.Training;

namespace GanWorkbench.Experiments;

// The experiment schema: plain records with documented defaults. YAML keys are the snake_case
// forms of the property names (batch_size ↔ BatchSize); closed choices are enums spelt as in YAML
// (YamlNames). The model section is the family's own options record (Models/Families). docs/experiments.md
// lists every field.

/// <summary>Which data, how it is scaled and batched.</summary>
public sealed record DataSpec
{
    /// <summary>The dataset: an image set (<c>mnist</c>, <c>fashion-mnist</c>) or a 2-D toy distribution.</summary>
    public string Dataset { get; init; } = "mnist";
    /// <summary>Pixel range: <c>tanh</c> = [−1, 1] (tanh generators), <c>zero_one</c> = [0, 1].</summary>
    public PixelScale Scale { get; init; } = PixelScale.Tanh;
    /// <summary>Examples per batch (both players see batches of this size).</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Train on the first this-many training images only (null: all), e.g. 50,000 to hold out MNIST's last 10,000 as validation.</summary>
    public int? TrainImages { get; init; }
    /// <summary>Dynamic binarisation (Burda et al. 2015): every pixel of every batch becomes 1 with
    /// probability equal to its [0, 1] intensity, afresh at each use (needs <c>scale: zero_one</c>).</summary>
    public bool Binarize { get; init; }
}

/// <summary>
/// The GAN objective: a loss by name (<see cref="LossCatalog"/>), plus the penalty and weight
/// clipping the name implies unless given here. <c>wgan-gp</c> is the WGAN loss with the gradient
/// penalty; <c>dragan</c>, <c>r1</c>, <c>r2</c> are the non-saturating loss with that penalty; any
/// penalty can be put on any loss with <c>penalty:</c>. Null fields are filled from the name when
/// the experiment is resolved, so config.yaml always shows the values used.
/// </summary>
public sealed record LossSpec
{
    /// <summary>The loss.</summary>
    public LossName Name { get; init; } = LossName.Ns;
    /// <summary>Target for real samples: one-sided label smoothing for mm/ns (1 = none, 0.9 =
    /// Salimans et al. 2016); LSGAN's b.</summary>
    public double RealTarget { get; init; } = 1.0;
    /// <summary>LSGAN's a: the target for generated samples in D's loss.</summary>
    public double FakeTarget { get; init; }
    /// <summary>LSGAN's c: the value G wants D to assign its samples.</summary>
    public double GeneratorTarget { get; init; } = 1.0;
    /// <summary>Penalty on D's input gradients (null: the loss's own).</summary>
    public PenaltyKind? Penalty { get; init; }
    /// <summary>The penalty's weight λ (gp, dragan) or γ (r1, r2) (null: the loss's own, else 10).</summary>
    public double? PenaltyWeight { get; init; }
    /// <summary>Weight clipping after each D step: parameters clamped to [−clip, clip]; 0 = none
    /// (null: the loss's own, 0.01 for wgan).</summary>
    public double? Clip { get; init; }
    /// <summary>BEGAN's diversity ratio γ.</summary>
    public double BeganGamma { get; init; } = 0.5;
    /// <summary>BEGAN's gain λ_k of the k_t controller.</summary>
    public double BeganLambdaK { get; init; } = 0.001;
}

/// <summary>The update schedule.</summary>
public sealed record ScheduleSpec
{
    /// <summary>Alternating (block-coordinate) or simultaneous updates.</summary>
    public UpdateKind Kind { get; init; } = UpdateKind.Alternating;
    /// <summary>Discriminator steps per generator step (alternating only).</summary>
    public int DSteps { get; init; } = 1;
}

/// <summary>One player's optimiser.</summary>
public sealed record OptimizerSpec
{
    /// <summary>The optimiser.</summary>
    public OptimizerName Name { get; init; } = OptimizerName.Adam;
    /// <summary>Learning rate.</summary>
    public double Lr { get; init; } = 2e-4;
    /// <summary>Adam β1 (DCGAN: 0.5).</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>SGD momentum (0 = plain SGD); RMSprop momentum.</summary>
    public double Momentum { get; init; }
    /// <summary>Learning-rate decay over the budget: <c>none</c> (constant <c>lr</c>), <c>cosine</c> (half a cosine
    /// from <c>lr</c> to <c>lr_min</c>, Loshchilov &amp; Hutter 2017), <c>exponential</c> (<c>lr</c> / <c>decay_factor</c>^step,
    /// never below <c>lr_min</c>) or <c>stages</c> (stage i spans <c>stage_base</c>^i epochs at <c>lr</c> · <c>decay_factor</c>^i).</summary>
    public DecayKind Decay { get; init; } = DecayKind.None;
    /// <summary>Where the cosine decay ends, at the last step of the budget; the exponential decay's floor (must be below <c>lr</c>).</summary>
    public double LrMin { get; init; }
    /// <summary>The exponential decay's divisor per step (Goodfellow et al. 2014: 1.000004), or the staged decay's factor per stage (Burda et al. 2015: 10^(−1/7) ≈ 0.7197).</summary>
    public double DecayFactor { get; init; } = 1;
    /// <summary>The staged decay: stage i spans stage_base^i epochs (Burda et al. 2015: 3).</summary>
    public double StageBase { get; init; } = 3;
    /// <summary>Adam's ε (null: 1e-8).</summary>
    public double? Eps { get; init; }
    /// <summary>L2 weight decay λ: λθ is added to every gradient before the optimiser's step (PyTorch's
    /// <c>weight_decay</c>; ClusterGAN's G and encoder: 2.5e-5); null: none.</summary>
    public double? WeightDecay { get; init; }
    /// <summary>SGD: momentum reached at epoch <c>momentum_epochs</c>, rising linearly from <c>momentum</c> at epoch 1 (pylearn2's
    /// <c>MomentumAdjustor</c>; Goodfellow et al. 2014: 0.5 → 0.7 over 250 epochs); null keeps <c>momentum</c>.</summary>
    public double? MomentumFinal { get; init; }
    /// <summary>SGD: the epoch at which <c>momentum_final</c> is reached.</summary>
    public int MomentumEpochs { get; init; } = 250;
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
    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;
    /// <summary>CPU threads (0 = GWB_THREADS, else all cores).</summary>
    public int Threads { get; init; }
    /// <summary>Data.</summary>
    public DataSpec Data { get; init; } = new();
    /// <summary>The model family and its options (the fields depend on <c>model.name</c>).</summary>
    public ModelOptions Model { get; init; } = new DcganOptions();
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
    /// <summary>Decay of the exponential moving average of G's weights (Yazıcı et al. 2019), e.g.
    /// 0.999; 0 = off. With EMA on, sample grids and evaluations use the averaged generator.</summary>
    public double EmaDecay { get; init; }
    /// <summary>Generator steps between checkpoints (a multiple of log_every; 0 = only at the end).</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>Generator steps between evaluations (0 = only at the end).</summary>
    public int EvalEvery { get; init; }
    /// <summary>Metrics computed at every evaluation, and at step 0 unless <see cref="EvalAtStart"/> is off (empty = none): for MNIST and
    /// Fashion-MNIST <c>fid</c>, <c>mnist_score</c>, <c>precision_recall</c>, <c>class_coverage</c>; for the
    /// 8/25-Gaussian toys <c>modes</c> (<see cref="MetricsObserver"/>). Whatever this lists, the last evaluation
    /// also records the model family's own scores (<c>ssgan</c>: <c>test_error</c>; <c>infogan</c>: the categorical
    /// code's clustering of the test set, <c>code_acc</c>, <c>code_nmi</c>, <c>code_ari</c>; <c>clustergan</c>: the encoder's,
    /// <c>cluster_acc</c>, <c>cluster_nmi</c>, <c>cluster_ari</c>).</summary>
    public IReadOnlyList<string> EvalMetrics { get; init; } = [];
    /// <summary>Samples generated for each evaluation of <see cref="EvalMetrics"/> (FID is biased upwards
    /// for small samples: compare values at the same size).</summary>
    public int EvalSamples { get; init; } = 2000;
    /// <summary>Also evaluate <see cref="EvalMetrics"/> on the untrained generator (step 0): the baseline of
    /// every metric curve. Turn off where only the end matters (a study of many short runs): it saves
    /// one evaluation, of <see cref="EvalSamples"/> samples, per run.</summary>
    public bool EvalAtStart { get; init; } = true;
    /// <summary>Write TensorBoard scalars to the run's events/ folder.</summary>
    public bool Tensorboard { get; init; } = true;
}
