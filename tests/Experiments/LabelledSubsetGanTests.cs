using GanWorkbench.Data;
using GanWorkbench.Experiments;
using GanWorkbench.Models;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Experiments;

/// <summary>A conditional GAN trained on a caller's labelled images with an experiment's settings.</summary>
public class LabelledSubsetGanTests
{
    static ImageDataset Tiny(PixelScale scale)
    {
        using var gen = new Generator(3);
        var images = rand(20, 1, 28, 28, generator: gen).mul(2).sub(1);
        return ImageDataset.FromTensors("tiny", images, arange(10, dtype: ScalarType.Int64).repeat(2), scale);
    }

    [Fact]
    public void Trains_the_experiments_pair_on_the_given_images_reproducibly()
    {
        var spec = ExperimentFile.Load().Experiment("mnist-cgan")
            .With(overrides: ["model.g_width=4", "model.d_width=4", "data.batch_size=8"]).Spec;
        using var data = Tiny(PixelScale.Tanh);
        using var first = LabelledSubsetGan.Train(spec, data, steps: 2, seed: 5);
        using var second = LabelledSubsetGan.Train(spec, data, steps: 2, seed: 5);
        Assert.False(first.training);
        Assert.Equal(10, first.Classes);
        Assert.Equal(first.parameters().First().data<float>().ToArray(), second.parameters().First().data<float>().ToArray());
        using var untrained = (ConditionalGeneratorModule)new CdcganFamily().CreateGenerator(spec.Model, 10);
        Assert.Equal(first.parameters().Count(), untrained.parameters().Count());
    }

    [Fact]
    public void Refuses_an_unconditional_model_a_scale_mismatch_and_no_steps()
    {
        var file = ExperimentFile.Load();
        using var data = Tiny(PixelScale.Tanh);
        var e = Assert.Throws<InputException>(() => LabelledSubsetGan.Train(file.Experiment("mnist-dcgan").Spec, data, 1, 1));
        Assert.Equal("a labelled-subset GAN needs model.name: cdcgan (a class-conditional pair), got 'dcgan'.", e.Message);
        var cgan = file.Experiment("mnist-cgan").Spec;
        e = Assert.Throws<InputException>(() => LabelledSubsetGan.Train(cgan, data, 0, 1));
        Assert.Equal("GAN steps must be positive, got 0.", e.Message);
        using var zeroOne = Tiny(PixelScale.ZeroOne);
        e = Assert.Throws<InputException>(() => LabelledSubsetGan.Train(cgan, zeroOne, 1, 1));
        Assert.Equal("the labelled images are in ZeroOne scale but the experiment's data.scale is tanh; load them with the experiment's scale.", e.Message);
    }
}
