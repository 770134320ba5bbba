using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

/// <summary>The options of the test's own family: an affine map of 2-D noise against a small MLP critic.</summary>
public sealed record AffineToyOptions : GanOptions
{
    /// <inheritdoc/>
    public override string Name => "affine-toy";
    /// <summary>Initial scale of the affine generator's weights (this assembly has no XML docs, so the attribute documents it).</summary>
    [System.ComponentModel.Description("Initial scale of the affine generator's weights.")]
    public double InitScale { get; init; } = 0.5;
}

/// <summary>G(z) = A z + b for 2-D points.</summary>
public sealed class AffineToyGenerator : GeneratorModule
{
    readonly TorchSharp.Modules.Linear map;

    /// <summary>Creates it with weights scaled by <paramref name="scale"/>.</summary>
    public AffineToyGenerator(double scale) : base(nameof(AffineToyGenerator), 2, [2])
    {
        map = nn.Linear(2, 2);
        RegisterComponents();
        using (no_grad()) map.weight!.mul_(scale);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z) => map.forward(z);
}

/// <summary>A family defined outside the library, as a user's script or notebook would.</summary>
public sealed class AffineToyFamily : GanFamily<AffineToyOptions>
{
    /// <inheritdoc/>
    public override string Description => "an affine generator of 2-D points (test family)";
    /// <inheritdoc/>
    public override SampleSpace Samples => SampleSpace.Points;
    /// <inheritdoc/>
    public override nn.Module Generator(AffineToyOptions options, int classes) => new AffineToyGenerator(options.InitScale);
    /// <inheritdoc/>
    public override nn.Module Discriminator(AffineToyOptions options, int classes) => new ToyDiscriminator(options.DWidth);
    /// <inheritdoc/>
    public override void Check(AffineToyOptions options, FieldCheck check) => check.Positive("model.init_scale", options.InitScale);
}

/// <summary>A family registered from outside the library is trainable by its <c>model.name</c>, validated,
/// documented and refused where it does not fit, with no other production file touched.</summary>
public class ModelFamilyRegistrationTests
{
    const string Yaml = "experiments:\n  toy:\n    data: { dataset: 8gaussians, batch_size: 32 }\n    model: { name: affine-toy, d_width: 16, init_scale: 0.25 }\n    budget: { steps: 3 }\n    log_every: 1\n    sample_every: 0\n";

    [Fact]
    public void A_registered_family_trains_by_name_with_validation_and_docs()
    {
        using var temp = new TempFolder();
        string path = temp.File("e.yaml");
        File.WriteAllText(path, Yaml);
        Assert.Throws<InputException>(() => ExperimentFile.Load(path));              // unknown before registration
        using (ModelFamilies.Register(new AffineToyFamily()))
        {
            var spec = ExperimentFile.Load(path).Get("toy", overrides: ["device=cpu"]);
            Assert.Equal(new AffineToyOptions { DWidth = 16, InitScale = 0.25 }, spec.Model);
            var result = ExperimentRunner.Run(spec, new RunOptions { RunsRoot = temp.File("runs") });
            Assert.Equal((RunState.Completed, 3L), (result.Status.State, result.Status.Step));
            Assert.Contains("  name: affine-toy\n", File.ReadAllText(result.Directory.File("config.yaml")), StringComparison.Ordinal);
            Assert.Equal(RunDirectory.ToYaml(spec), RunDirectory.ToYaml(ExperimentRunner.ReadConfig(result.Directory.File("config.yaml"))));

            var bad = Assert.Throws<InputException>(() => ExperimentFile.Load(path).Get("toy", overrides: ["model.init_scale=-1"]));
            Assert.Equal("--set model.init_scale=-1: model.init_scale must be positive, got -1.", bad.Message);
            var image = Assert.Throws<InputException>(() => ExperimentFile.Load(path).Get("toy", overrides: ["data.dataset=mnist"]));
            Assert.Equal($"{path}:4:20: model 'affine-toy' generates 2-D points; use a toy data.dataset (8gaussians, 25gaussians, swissroll).", image.Message);

            var docs = SchemaReference.Markdown();
            Assert.Contains("#### `model` with `name: affine-toy` — an affine generator of 2-D points (test family)", docs, StringComparison.Ordinal);
            Assert.Contains("| `model.init_scale` | number | `0.5` | Initial scale of the affine generator's weights. |", docs, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("affine-toy", SchemaReference.Markdown(), StringComparison.Ordinal);
    }
}
