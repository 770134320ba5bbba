using GanWorkbench.Experiments;
using GanWorkbench.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanWorkbench.Tests.Models;

public class ModelTests
{
    static double LargestSingularValue(Tensor matrix) => linalg.matrix_norm(matrix, 2.0).item<float>();

    [Fact]
    public void Spectral_norm_divides_by_the_largest_singular_value()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var layers = new (nn.Module<Tensor, Tensor> Layer, Func<Tensor> Matrix, long[] Input)[]
        {
            (nn.Linear(20, 7), null!, [4, 20]),
            (nn.Conv2d(3, 5, 3, padding: 1), null!, [2, 3, 6, 6]),
            (nn.ConvTranspose2d(5, 2, 4, stride: 2, padding: 1), null!, [2, 5, 3, 3]),
        };
        foreach (var (layer, _, input) in layers)
        {
            using var sn = new SpectralNorm(layer, powerIterations: 1);
            sn.train();
            for (int i = 0; i < 50; i++) sn.forward(randn(input));                // power iteration converges
            var weight = layer.named_parameters().Single(p => p.name == "weight").parameter;
            var matrix = layer is TorchSharp.Modules.ConvTranspose2d ? weight.transpose(0, 1).flatten(1) : weight.flatten(1);
            double sigma = LargestSingularValue(matrix);
            Assert.Equal(sigma, sn.Sigma(), sigma * 1e-4);
            using (no_grad()) Assert.Equal(1.0, LargestSingularValue(sn.NormalisedWeight() is var w && layer is TorchSharp.Modules.ConvTranspose2d
                ? w.transpose(0, 1).flatten(1) : w.flatten(1)), 1e-4);
        }
    }

    [Fact]
    public void Spectral_norm_keeps_its_vectors_in_the_state_dict_and_trains()
    {
        using var scope = NewDisposeScope();
        using var d = new DcganDiscriminator(8, 1, batchNorm: false, spectralNorm: true);
        var keys = d.state_dict().Keys.ToList();
        Assert.Contains("down1.layer.weight", keys);
        Assert.Contains("down1.u", keys);
        Assert.Contains("classify.v", keys);
        var x = randn(4, 1, 28, 28);
        d.forward(x).sum().backward();                                          // two forwards share u, v: no in-place error
        d.forward(x).sum().backward();
        Assert.True(d.parameters().All(p => p.grad is not null));
    }

    [Fact]
    public void Maxout_takes_the_largest_piece_per_unit()
    {
        using var scope = NewDisposeScope();
        using var layer = new Maxout(2, units: 2, pieces: 3);
        var linear = (TorchSharp.Modules.Linear)layer.named_children().Single().module;
        using (no_grad())
        {
            linear.weight!.copy_(tensor(new float[] { 1, 0, 0, 1, -1, 0, 2, 2, 0, 0, 1, -1 }, [6, 2]));
            linear.bias!.zero_();
        }
        // x = (1, 2): pieces of unit 0 = (1, 2, −1) → 2; unit 1 = (6, 0, −1) → 6.
        Assert.Equal(new[] { 2f, 6f }, layer.forward(tensor(new float[] { 1, 2 }, [1, 2])).data<float>().ToArray());
    }

    [Fact]
    public void Zoo_models_have_the_documented_shapes()
    {
        using var scope = NewDisposeScope();
        var z100 = randn(3, 100);
        var images = rand(3, 1, 28, 28);
        var labels = tensor(new long[] { 0, 5, 9 });
        Assert.Equal([3L, 1, 28, 28], new MlpGenerator().forward(z100).shape);
        Assert.Equal([3L], new MlpDiscriminator().forward(images).shape);
        Assert.Equal([3L, 1, 28, 28], new Goodfellow2014Generator().forward(z100).shape);
        Assert.Equal([3L], new Goodfellow2014Discriminator().forward(images).shape);
        Assert.Equal([3L, 2], new ToyGenerator().forward(randn(3, 2)).shape);
        Assert.Equal([3L], new ToyDiscriminator(16).forward(randn(3, 2)).shape);
        Assert.Equal([3L, 1, 28, 28], new ConditionalDcganGenerator(width: 16).forward(z100, labels).shape);
        foreach (var conditioning in new[] { Conditioning.Concat, Conditioning.Projection })
            Assert.Equal([3L], new ConditionalDcganDiscriminator(width: 16, conditioning: conditioning).forward(images, labels).shape);
        var info = new InfoGanDiscriminator(10, 2, 16).ForwardWithCodes(images);
        Assert.Equal([3L], info.Logits.shape);
        Assert.Equal([3L, 10], info.CategoryLogits.shape);
        Assert.Equal([3L, 2], info.ContinuousMeans.shape);
        var began = new BeganDiscriminator(8, 16);
        Assert.Equal([3L, 1, 28, 28], began.Reconstruct(images).shape);
        Assert.Equal([3L], began.forward(images).shape);
        var shallow = new ShallowBeganDiscriminator(8, 16);
        Assert.Equal([3L, 1, 28, 28], shallow.Reconstruct(images).shape);
        Assert.Equal([3L], shallow.forward(images).shape);
        Assert.Equal([3L, 1, 28, 28], new BeganGenerator(16, 8).forward(randn(3, 16)).shape);
        var ssl = new SemiSupervisedDiscriminator(10, 100);
        ssl.eval();                                                             // no Gaussian noise: both passes see the same input
        var (classLogits, features) = ssl.Classify(images);
        Assert.Equal([3L, 10], classLogits.shape);
        Assert.Equal([3L, 25], features.shape);
        Assert.Equal(classLogits.logsumexp(1, false).data<float>().ToArray(), ssl.forward(images).data<float>().ToArray());
    }

    [Fact]
    public void Dcgan_generator_hidden_layer_is_InfoGANs_FC_1024_and_absent_by_default()
    {
        using var scope = NewDisposeScope();
        static long Count(nn.Module m) => m.parameters().Sum(p => p.numel());
        using var plain = new DcganGenerator(latentDim: 74, width: 64);
        using var info = new DcganGenerator(latentDim: 74, width: 64, hidden: 1024);
        // No hidden layer: the parameter names of checkpoints written before the option existed.
        Assert.Equal(["project.weight", "project_bn.weight", "project_bn.bias", "up1.weight", "up1_bn.weight", "up1_bn.bias", "up2.weight", "up2.bias"],
            plain.named_parameters().Select(p => p.name));
        // Chen et al. 2016, Appendix C.1: FC 74→1024 (BN) → FC 1024→7·7·128 (BN) → deconv 128→64 (BN) → deconv 64→1.
        long expected = 74 * 1024 + 2 * 1024 + 1024 * 6272 + 2 * 6272 + 128 * 64 * 16 + 2 * 64 + 64 * 16 + 1;
        Assert.Equal(expected, Count(info));
        Assert.Equal(expected - (74 * 1024 + 2 * 1024) - 1024 * 6272 + 74 * 6272, Count(plain));
        Assert.Equal([3L, 1, 28, 28], info.forward(randn(3, 74)).shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DcganGenerator(hidden: -1));
    }

    [Fact]
    public void Began_discriminator_scores_are_mean_absolute_reconstruction_errors()
    {
        using var scope = NewDisposeScope();
        foreach (AutoencoderDiscriminator d in new AutoencoderDiscriminator[] { new BeganDiscriminator(8, 16), new ShallowBeganDiscriminator(8, 16) })
        {
            d.eval();                                                           // batch norm on its running statistics: both passes agree
            var x = rand(2, 1, 28, 28);
            var expected = (x - d.Reconstruct(x)).abs().mean([1, 2, 3]);
            var actual = d.forward(x).data<float>().ToArray();
            Assert.All(expected.data<float>().ToArray().Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-6));
            d.Dispose();
        }
    }

    [Fact]
    public void Shallow_began_discriminator_is_one_convolution_each_way_around_a_batch_normalised_bottleneck()
    {
        using var d = new ShallowBeganDiscriminator(width: 32, hidden: 64);
        // conv 1→32 (3×3, stride 2) · FC 6272→64 + BN(64) · FC 64→6272 + BN(6272) · transposed conv 32→1 (3×3).
        long expected = (32 * 9 + 32) + (6272 * 64 + 64) + 2 * 64 + (64 * 6272 + 6272) + 2 * 6272 + (32 * 9 + 1);
        Assert.Equal(expected, d.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Began_latent_is_uniform_on_the_cube_and_fixed_batches_repeat_on_request()
    {
        using var scope = NewDisposeScope();
        using var g = new BeganGenerator(16, 8);
        var z = g.SampleLatent(20000, CPU);
        Assert.Equal([20000L, 16], z.shape);
        Assert.True(z.min().item<float>() >= -1f && z.max().item<float>() <= 1f);
        Assert.Equal(0.0, z.mean().item<float>(), 0.01);                      // E z = 0
        Assert.Equal(1.0 / 3, z.var().item<float>(), 0.01);                   // Var U(−1, 1) = 1/3
        using var a = new Generator(5);
        using var b = new Generator(5);
        Assert.True(g.SampleLatent(4, CPU, a).equal(g.SampleLatent(4, CPU, b)).all().item<bool>());

        using var dc = new DcganGenerator(latentDim: 16);
        using var c = new Generator(5);
        using var d = new Generator(5);
        Assert.True(dc.SampleLatent(4, CPU, c).equal(randn(4, 16, generator: d)).all().item<bool>());  // default prior: N(0, 1)
    }

    [Fact]
    public void Began_trains_a_dcgan_generator_and_a_shallow_autoencoder_by_default_and_the_papers_networks_on_request()
    {
        var file = ExperimentFile.Load();
        var began = new BeganFamily();
        nn.Module Discriminator(params string[] sets) => began.CreateDiscriminator(file.Get("mnist-began", quick: true, ["device=cpu", .. sets]).Model, 10);
        nn.Module Generator(params string[] sets) => began.CreateGenerator(file.Get("mnist-began", quick: true, ["device=cpu", .. sets]).Model, 10);
        using (var d = Discriminator()) Assert.IsType<ShallowBeganDiscriminator>(d);
        using (var d = Discriminator("model.discriminator=paper")) Assert.IsType<BeganDiscriminator>(d);
        Assert.Equal(BeganDiscriminatorKind.Shallow, new BeganOptions().Discriminator);
        Assert.Equal("--set model.discriminator=deep: model.discriminator: unknown value 'deep'; expected one of shallow, paper.",
            Assert.Throws<InputException>(() => file.Get("mnist-began", quick: true, ["model.discriminator=deep"])).Message);
        using (var g = Generator("model.generator=dcgan")) Assert.IsType<DcganGenerator>(g);
        using (var g = Generator("model.generator=decoder")) Assert.IsType<BeganGenerator>(g);
        Assert.Equal(BeganGeneratorKind.Dcgan, new BeganOptions().Generator);
        Assert.Equal("--set model.generator=decodr: model.generator: unknown value 'decodr' (did you mean 'decoder'?); expected one of dcgan, decoder.",
            Assert.Throws<InputException>(() => file.Get("mnist-began", quick: true, ["model.generator=decodr"])).Message);
    }
}
